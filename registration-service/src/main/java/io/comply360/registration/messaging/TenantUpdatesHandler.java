package io.comply360.registration.messaging;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import io.comply360.clients.tenant.TenantDirectory;
import io.comply360.contracts.tenant.TenantEvents;
import io.comply360.platform.broker.CloudEvent;
import io.comply360.platform.broker.EventHandler;
import io.comply360.platform.broker.PermanentEventException;
import io.comply360.platform.broker.QueueSpec;
import io.comply360.platform.broker.Topology;
import io.comply360.registration.sla.TenantProfiles;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Refreshes a tenant's stored SLA settings when tenant-service announces a change. Not transactional: it asks
 * tenant-service (no transaction open meanwhile) and stores the answer; doing it twice does no harm.
 */
@ApplicationScoped
public class TenantUpdatesHandler implements EventHandler {

    public static final QueueSpec QUEUE = new QueueSpec(
            "registration.tenant-events",
            Topology.TENANT_EVENTS,
            List.of(TenantEvents.UPDATED.type().type()));

    private final TenantProfiles profiles;

    public TenantUpdatesHandler(TenantProfiles profiles) {
        this.profiles = profiles;
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
        if (!TenantEvents.UPDATED.matches(event)) {
            throw new PermanentEventException(QUEUE.name() + " does not handle " + event.type());
        }
        TenantEvents.UPDATED.read(event);
        return profiles.refresh(event.requireTenant())
                .replaceWithVoid()
                .onFailure(TenantDirectory.NotFound.class)
                .recoverWithUni(failure -> {
                    Log.infof("tenant.updated for tenant %s, which tenant-service no longer knows", event.tenantid());
                    return Uni.createFrom().voidItem();
                });
    }
}
