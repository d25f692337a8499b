package io.comply360.notification.inapp;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.comply360.contracts.tenant.TenantEvents;
import io.comply360.platform.broker.CloudEvent;
import io.comply360.platform.data.TenantTransactions;
import io.comply360.platform.tenancy.Roles;
import io.comply360.platform.web.Page;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class NotificationService {

    private final TenantTransactions tx;
    private final NotificationRepository notifications;

    public NotificationService(TenantTransactions tx, NotificationRepository notifications) {
        this.tx = tx;
        this.notifications = notifications;
    }

    /** The caller's notifications (to one of their roles or to them), newest first. */
    public Uni<Page<NotificationView>> forCaller(
            UUID tenantId, Set<String> roles, String userId, int limit, int offset) {
        return tx.inTenant(
                tenantId,
                () -> notifications
                        .countForCaller(roles, userId)
                        .chain(total -> notifications
                                .forCaller(roles, userId, limit, offset)
                                .map(page -> new Page<>(
                                        page.stream().map(NotificationView::of).toList(), total, limit, offset))));
    }

    /** Tells the new tenant's admins that their agency is ready; called inside the consumer's transaction. */
    public Uni<Notification> welcome(CloudEvent event, TenantEvents.Provisioned provisioned) {
        Notification notification = new Notification();
        notification.id = UUID.randomUUID();
        notification.tenantId = UUID.fromString(event.tenantid());
        notification.audienceRole = Roles.TENANT_ADMIN;
        notification.kind = event.type();
        notification.title = "Your agency is ready";
        notification.body = provisioned.legalName() + " is set up on Comply360 at " + provisioned.slug()
                + ". Invite your agents to start filing.";
        notification.subjectId = event.subject();
        notification.sourceEventId = event.id();
        notification.createdAt = Instant.now();
        return notifications.persist(notification);
    }
}
