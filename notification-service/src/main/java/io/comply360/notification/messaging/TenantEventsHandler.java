package io.comply360.notification.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.comply360.notification.service.NotificationService;
import io.comply360.platform.broker.CloudEvent;
import io.comply360.platform.broker.EventHandler;
import io.comply360.platform.broker.PermanentEventException;
import io.comply360.platform.broker.Topology;
import io.smallrye.mutiny.Uni;

/** Consumes {@code notification.tenant-events}: what happens to tenants becomes notifications of their people. */
@ApplicationScoped
public class TenantEventsHandler implements EventHandler {

    private final NotificationService notifications;

    public TenantEventsHandler(NotificationService notifications) {
        this.notifications = notifications;
    }

    @Override
    public String queue() {
        return Topology.NOTIFICATION_TENANT_EVENTS.name();
    }

    @Override
    public Uni<Void> handle(CloudEvent event) {
        if (!"tenant.provisioned".equals(event.type())) {
            throw new PermanentEventException("notification.tenant-events does not handle " + event.type());
        }
        if (event.tenantid() == null) {
            throw new PermanentEventException("tenant.provisioned without tenantid");
        }
        return notifications.welcome(event, required(event.data(), "legalName"), required(event.data(), "slug"))
                .replaceWithVoid();
    }

    private static String required(JsonNode data, String field) {
        JsonNode value = data.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new PermanentEventException("tenant.provisioned/v1 without " + field);
        }
        return value.asText();
    }
}
