package io.comply360.gateway.revocation;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import io.comply360.contracts.tenant.TenantEvents;
import io.comply360.platform.broker.CloudEvent;
import io.comply360.platform.broker.EventHandler;
import io.comply360.platform.broker.PermanentEventException;
import io.comply360.platform.broker.QueueSpec;
import io.comply360.platform.broker.Topology;
import io.smallrye.mutiny.Uni;

/**
 * {@code tenant.user_deactivated} → the person's tokens issued until then are refused by every replica. The
 * gateway has no database: the handler is non-transactional and idempotent by itself (remembering a deactivation
 * again changes nothing); a Redis failure is retried like any other.
 */
@ApplicationScoped
public class UserDeactivations implements EventHandler {

    public static final QueueSpec QUEUE = new QueueSpec(
            "gateway.user-deactivations",
            Topology.TENANT_EVENTS,
            List.of(TenantEvents.USER_DEACTIVATED.type().type()));

    private final TokenRevocations revocations;

    public UserDeactivations(TokenRevocations revocations) {
        this.revocations = revocations;
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
        if (!TenantEvents.USER_DEACTIVATED.matches(event)) {
            throw new PermanentEventException(queue() + " handles tenant.user_deactivated, not " + event.type());
        }
        TenantEvents.UserChanged deactivated = TenantEvents.USER_DEACTIVATED.read(event);
        if (deactivated.userId().isBlank()) {
            throw new PermanentEventException("tenant.user_deactivated/v1 without userId");
        }
        return revocations.deactivated(deactivated.userId(), deactivated.changedAt());
    }
}
