package io.comply360.commission.commission;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** A filing as registration-service's events describe it (the newest version wins): what its Odoo lead shows. */
@Entity
@Table(name = "filings")
@IdClass(Filing.Key.class)
public class Filing {

    @Id
    @Column(name = "tenant_id", nullable = false, updatable = false)
    public UUID tenantId;

    @Id
    @Column(name = "registration_id")
    public UUID registrationId;

    public String reference;
    public String country;
    public String type;

    @Column(name = "agent_id")
    public String agentId;

    public String status;
    public long version;

    @Column(name = "changed_at")
    public Instant changedAt;

    public static class Key implements Serializable {
        public UUID tenantId;
        public UUID registrationId;

        public Key() {}

        public Key(UUID tenantId, UUID registrationId) {
            this.tenantId = tenantId;
            this.registrationId = registrationId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k
                    && Objects.equals(tenantId, k.tenantId)
                    && Objects.equals(registrationId, k.registrationId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(tenantId, registrationId);
        }
    }

    /** Whether the registry registered it (the lead is won), or it ended otherwise (lost), or it is open. */
    public String outcome() {
        return switch (status) {
            case "REGISTERED" -> "won";
            case "REJECTED", "CANCELLED" -> "lost";
            default -> "open";
        };
    }
}
