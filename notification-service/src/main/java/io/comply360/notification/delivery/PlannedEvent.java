package io.comply360.notification.delivery;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** An event whose messages were planned: a redelivered copy finds it and sends nothing new. */
@Entity
@Table(name = "planned_events")
@IdClass(PlannedEvent.Key.class)
public class PlannedEvent {

    @Id
    @Column(name = "tenant_id")
    public UUID tenantId;

    @Id
    @Column(name = "event_id")
    public String eventId;

    public String workflow;

    public int messages;

    @Column(name = "planned_at")
    public Instant plannedAt;

    public static class Key implements Serializable {
        public UUID tenantId;
        public String eventId;

        public Key() {}

        public Key(UUID tenantId, String eventId) {
            this.tenantId = tenantId;
            this.eventId = eventId;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key
                    && Objects.equals(tenantId, key.tenantId)
                    && Objects.equals(eventId, key.eventId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(tenantId, eventId);
        }
    }
}
