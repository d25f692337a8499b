package io.comply360.notification.preference;

import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** One workflow's channel switched on or off by a person (no row: on). */
@Entity
@Table(name = "channel_preferences")
@IdClass(ChannelPreference.Key.class)
public class ChannelPreference {

    @Id
    @Column(name = "tenant_id")
    public UUID tenantId;

    @Id
    @Column(name = "user_id")
    public String userId;

    @Id
    public String workflow;

    @Id
    public String channel;

    public boolean enabled;

    public static class Key implements Serializable {
        public UUID tenantId;
        public String userId;
        public String workflow;
        public String channel;

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key
                    && Objects.equals(tenantId, key.tenantId)
                    && Objects.equals(userId, key.userId)
                    && Objects.equals(workflow, key.workflow)
                    && Objects.equals(channel, key.channel);
        }

        @Override
        public int hashCode() {
            return Objects.hash(tenantId, userId, workflow, channel);
        }
    }
}
