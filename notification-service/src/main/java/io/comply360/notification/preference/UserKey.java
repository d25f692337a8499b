package io.comply360.notification.preference;

import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

/** The key of a person's rows: tenant and user id. */
public class UserKey implements Serializable {

    public UUID tenantId;
    public String userId;

    public UserKey() {}

    public UserKey(UUID tenantId, String userId) {
        this.tenantId = tenantId;
        this.userId = userId;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof UserKey key
                && Objects.equals(tenantId, key.tenantId)
                && Objects.equals(userId, key.userId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tenantId, userId);
    }
}
