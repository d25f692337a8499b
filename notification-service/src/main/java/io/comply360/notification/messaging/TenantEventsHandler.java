package io.comply360.notification.messaging;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import io.comply360.contracts.tenant.TenantEvents;
import io.comply360.notification.inapp.NotificationService;
import io.comply360.platform.broker.CloudEvent;
import io.comply360.platform.broker.EventHandler;
import io.comply360.platform.broker.PermanentEventException;
import io.comply360.platform.broker.QueueSpec;
import io.comply360.platform.broker.Topology;
import io.smallrye.mutiny.Uni;

/** Consumes {@code notification.tenant-events}: what happens to tenants becomes notifications of their people. */
@ApplicationScoped
public class TenantEventsHandler implements EventHandler {

    public static final QueueSpec QUEUE = new QueueSpec(
            "notification.tenant-events",
            Topology.TENANT_EVENTS,
            List.of(TenantEvents.PROVISIONED.type().type()));

    private final NotificationService notifications;

    public TenantEventsHandler(NotificationService notifications) {
        this.notifications = notifications;
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
    public Uni<Void> handle(CloudEvent event) {
        if (!TenantEvents.PROVISIONED.matches(event)) {
            throw new PermanentEventException(QUEUE.name() + " does not handle " + event.type());
        }
        if (event.tenantid() == null) {
            throw new PermanentEventException("tenant.provisioned without tenantid");
        }
        TenantEvents.Provisioned provisioned = TenantEvents.PROVISIONED.read(event);
        if (provisioned.legalName().isBlank() || provisioned.slug().isBlank()) {
            throw new PermanentEventException("tenant.provisioned/v1 with a blank legalName or slug");
        }
        return notifications.welcome(event, provisioned).replaceWithVoid();
    }
}
