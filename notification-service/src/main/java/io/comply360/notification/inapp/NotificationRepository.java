package io.comply360.notification.inapp;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/** Notifications of the transaction's tenant (row level security), one person's at a time. */
@ApplicationScoped
public class NotificationRepository implements PanacheRepositoryBase<Notification, UUID> {

    private static final String MINE = "audienceUser = :user";
    private static final String UNREAD = MINE + " and readAt is null";

    public Uni<List<Notification>> forUser(String userId, boolean unreadOnly, int limit, int offset) {
        return find(
                        unreadOnly ? UNREAD : MINE,
                        Sort.descending("createdAt").and("id", Sort.Direction.Descending),
                        Parameters.with("user", userId))
                .range(offset, offset + limit - 1)
                .list();
    }

    public Uni<Long> count(String userId, boolean unreadOnly) {
        return count(unreadOnly ? UNREAD : MINE, Parameters.with("user", userId));
    }

    /** Marks one of the person's notifications read; false when they have no such notification. */
    public Uni<Boolean> markRead(String userId, UUID id, Instant at) {
        return find("id = :id and " + MINE, Parameters.with("id", id).and("user", userId))
                .firstResult()
                .chain(found -> {
                    if (found == null) {
                        return Uni.createFrom().item(false);
                    }
                    if (found.readAt == null) {
                        found.readAt = at;
                    }
                    return Uni.createFrom().item(true);
                });
    }

    public Uni<Integer> markAllRead(String userId, Instant at) {
        return update("readAt = :at where " + UNREAD, Parameters.with("at", at).and("user", userId));
    }
}
