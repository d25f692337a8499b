package io.comply360.tenant.users;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.comply360.platform.broker.EventType;
import io.comply360.platform.broker.Topology;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** What happens to the people of a tenant; schemas in {@code docs/events/}. Ids only, no personal data. */
public final class UserEvents {

    public static final EventType INVITED = new EventType(Topology.TENANT_EVENTS, "tenant.user_invited", 1);
    public static final EventType UPDATED = new EventType(Topology.TENANT_EVENTS, "tenant.user_updated", 1);
    public static final EventType DEACTIVATED = new EventType(Topology.TENANT_EVENTS, "tenant.user_deactivated", 1);

    private UserEvents() {
    }

    /** Data of all three: who, with which roles and whether they can sign in, changed by whom and when. */
    @RegisterForReflection
    public record UserChanged(UUID tenantId, String userId, List<String> roles, boolean enabled, String changedBy,
            Instant changedAt) {
    }
}
