package io.comply360.commission.messaging;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import io.comply360.clients.registration.Filings;
import io.comply360.commission.commission.CommissionService;
import io.comply360.contracts.registration.RegistrationEvents;
import io.comply360.platform.broker.CloudEvent;
import io.comply360.platform.broker.EventContract;
import io.comply360.platform.broker.EventHandler;
import io.comply360.platform.broker.PermanentEventException;
import io.comply360.platform.broker.QueueSpec;
import io.comply360.platform.broker.Topology;
import io.smallrye.mutiny.Uni;

/**
 * Filings' lives as commissions and Odoo leads follow them: every change keeps the filing's state (for its lead);
 * {@code registration.registered} calculates the commission, {@code registration.cancelled} reverses it.
 * Non-transactional: a fee may depend on the filing's data, read from registration-service, and no transaction may
 * wait on that; idempotent by its own state (one commission per filing, the newest filing version wins).
 */
@ApplicationScoped
public class RegistrationEventsHandler implements EventHandler {

    static final List<EventContract<RegistrationEvents.Changed>> CONSUMED = List.of(
            RegistrationEvents.SUBMITTED,
            RegistrationEvents.RESUBMITTED,
            RegistrationEvents.REGISTERED,
            RegistrationEvents.REJECTED,
            RegistrationEvents.CANCELLED);

    public static final QueueSpec QUEUE = new QueueSpec(
            "commission.registration-events",
            Topology.REGISTRATION_EVENTS,
            CONSUMED.stream().map(c -> c.type().type()).toList());

    private final CommissionService commissions;

    public RegistrationEventsHandler(CommissionService commissions) {
        this.commissions = commissions;
    }

    @Produces
    QueueSpec queueSpec() {
        return QUEUE;
    }

    @Override
    public String queue() {
        return QUEUE.name();
    }

    @Override
    public boolean transactional() {
        return false;
    }

    @Override
    public Uni<Void> handle(CloudEvent event) {
        EventContract<RegistrationEvents.Changed> contract = CONSUMED.stream()
                .filter(c -> c.matches(event))
                .findFirst()
                .orElseThrow(() -> new PermanentEventException(QUEUE.name() + " does not handle " + event.type()));
        UUID tenantId = event.requireTenant();
        RegistrationEvents.Changed changed = contract.read(event);
        Uni<Void> recorded = commissions.recordFiling(tenantId, changed);
        if (contract == RegistrationEvents.REGISTERED) {
            return recorded.chain(() -> commissions
                    .calculate(tenantId, changed)
                    .onFailure(Filings.NotFound.class)
                    .transform(e -> new PermanentEventException(
                            "registration-service does not know registration " + changed.registrationId())));
        }
        if (contract == RegistrationEvents.CANCELLED) {
            return recorded.chain(() -> commissions.reverse(tenantId, changed));
        }
        return recorded;
    }
}
