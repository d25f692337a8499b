package io.comply360.tenant.messaging;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import io.comply360.contracts.tenant.TenantEvents;
import io.comply360.platform.broker.CloudEvent;
import io.comply360.platform.broker.EventHandler;
import io.comply360.platform.broker.PermanentEventException;
import io.comply360.platform.broker.QueueSpec;
import io.comply360.platform.broker.Topology;
import io.comply360.tenant.tenants.ProvisioningSaga;
import io.smallrye.mutiny.Uni;

/**
 * Consumes {@code tenant.provisioning}: each {@code tenant.provisioning_requested} runs the tenant's provisioning
 * saga (for a cancelled tenant: removes what it created). A failing step (Keycloak down, say) is retried through the
 * queue's retry steps (10 s, 1 min, 10 min); after the last the request waits in the DLQ, and a platform admin
 * resumes provisioning once the cause is gone.
 */
@ApplicationScoped
public class ProvisioningHandler implements EventHandler {

    public static final QueueSpec QUEUE = new QueueSpec(
            "tenant.provisioning",
            Topology.TENANT_EVENTS,
            List.of(TenantEvents.PROVISIONING_REQUESTED.type().type()));

    private final ProvisioningSaga saga;

    public ProvisioningHandler(ProvisioningSaga saga) {
        this.saga = saga;
    }

    @Produces
    QueueSpec queueSpec() {
        return QUEUE;
    }

    @Override
    public String queue() {
        return QUEUE.name();
    }

    /** The saga calls Keycloak and writes its own short transactions: no transaction may be held around it. */
    @Override
    public boolean transactional() {
        return false;
    }

    @Override
    public Uni<Void> handle(CloudEvent event) {
        if (!TenantEvents.PROVISIONING_REQUESTED.matches(event) || event.tenantid() == null) {
            throw new PermanentEventException(
                    QUEUE.name() + " handles tenant.provisioning_requested with a tenantid, not " + event.type());
        }
        TenantEvents.ProvisioningRequested requested = TenantEvents.PROVISIONING_REQUESTED.read(event);
        if (!requested.tenantId().toString().equals(event.tenantid())) {
            throw new PermanentEventException("tenant.provisioning_requested/v1 about tenant " + requested.tenantId()
                    + " sent as tenant " + event.tenantid());
        }
        return saga.run(requested.tenantId());
    }
}
