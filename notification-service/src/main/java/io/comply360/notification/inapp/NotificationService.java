package io.comply360.notification.inapp;

import java.time.Clock;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.comply360.platform.data.TenantTransactions;
import io.comply360.platform.error.ProblemException;
import io.comply360.platform.web.Page;
import io.smallrye.mutiny.Uni;

/** People's inboxes: what they were told in-app, read or not, and live updates of it. */
@ApplicationScoped
public class NotificationService {

    private final TenantTransactions tx;
    private final NotificationRepository notifications;
    private final LiveUpdates live;
    private final Clock clock;

    public NotificationService(
            TenantTransactions tx, NotificationRepository notifications, LiveUpdates live, Clock clock) {
        this.tx = tx;
        this.notifications = notifications;
        this.live = live;
        this.clock = clock;
    }

    /** The person's notifications (or their unread ones), newest first. */
    public Uni<Page<NotificationView>> inbox(UUID tenantId, String userId, boolean unreadOnly, int limit, int offset) {
        return tx.inTenant(
                tenantId,
                () -> notifications
                        .count(userId, unreadOnly)
                        .chain(total -> notifications
                                .forUser(userId, unreadOnly, limit, offset)
                                .map(page -> new Page<>(
                                        page.stream().map(NotificationView::of).toList(), total, limit, offset))));
    }

    public Uni<Long> unread(UUID tenantId, String userId) {
        return tx.inTenant(tenantId, () -> notifications.count(userId, true));
    }

    /** One notification of the person and their unread count now (what a live update sends). */
    public Uni<Live> live(UUID tenantId, String userId, UUID id) {
        return tx.inTenant(
                tenantId,
                () -> (id == null
                                ? Uni.createFrom().<Notification>nullItem()
                                : notifications
                                        .find("id = ?1 and audienceUser = ?2", id, userId)
                                        .firstResult())
                        .chain(found -> notifications
                                .count(userId, true)
                                .map(unread -> new Live(found == null ? null : NotificationView.of(found), unread))));
    }

    public record Live(NotificationView notification, long unread) {}

    /** Marks one notification read (404 for another person's or an unknown id); reading twice changes nothing. */
    public Uni<Void> markRead(UUID tenantId, String userId, UUID id) {
        return tx.inTenant(
                tenantId,
                () -> notifications.markRead(userId, id, clock.instant()).chain(found -> {
                    if (!found) {
                        throw ProblemException.notFound("Notification");
                    }
                    return live.announce(tenantId, userId, "read", id);
                }));
    }

    /** Marks all of the person's notifications read; how many were unread. */
    public Uni<Integer> markAllRead(UUID tenantId, String userId) {
        return tx.inTenant(
                tenantId,
                () -> notifications
                        .markAllRead(userId, clock.instant())
                        .call(marked -> marked == 0
                                ? Uni.createFrom().voidItem()
                                : live.announce(tenantId, userId, "read", null)));
    }

    /** Puts a notification in a person's inbox, in the caller's transaction; the portal hears of it at commit. */
    public Uni<Void> add(Notification notification) {
        return notifications
                .persist(notification)
                .chain(() -> live.announce(
                        notification.tenantId, notification.audienceUser, "notification", notification.id));
    }
}
