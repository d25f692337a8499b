package io.comply360.notification.inapp;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/** Notifications of the transaction's tenant (row level security). */
@ApplicationScoped
public class NotificationRepository implements PanacheRepositoryBase<Notification, UUID> {

    private static final String FOR_CALLER = "audienceRole in :roles or audienceUser = :user";

    public Uni<List<Notification>> forCaller(Set<String> roles, String userId, int limit, int offset) {
        return find(FOR_CALLER, Sort.descending("createdAt").and("id"), parameters(roles, userId))
                .range(offset, offset + limit - 1)
                .list();
    }

    public Uni<Long> countForCaller(Set<String> roles, String userId) {
        return count(FOR_CALLER, parameters(roles, userId));
    }

    private static Parameters parameters(Set<String> roles, String userId) {
        return Parameters.with("roles", roles.isEmpty() ? Set.of("") : roles).and("user", userId);
    }
}
