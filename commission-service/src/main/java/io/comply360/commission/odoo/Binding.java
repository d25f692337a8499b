package io.comply360.commission.odoo;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** What a local thing is in the agency's Odoo: (entity, local id) ↔ the Odoo record's model and id. */
@Entity
@Table(name = "odoo_bindings")
@IdClass(Binding.Key.class)
public class Binding {

    @Id
    @Column(name = "tenant_id", nullable = false, updatable = false)
    public UUID tenantId;

    @Id
    public String entity;

    @Id
    @Column(name = "local_id")
    public String localId;

    @Column(name = "odoo_model")
    public String odooModel;

    @Column(name = "odoo_id")
    public int odooId;

    @Column(name = "synced_at")
    public Instant syncedAt;

    public static class Key implements Serializable {
        public UUID tenantId;
        public String entity;
        public String localId;

        public Key() {}

        public Key(UUID tenantId, String entity, String localId) {
            this.tenantId = tenantId;
            this.entity = entity;
            this.localId = localId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k
                    && Objects.equals(tenantId, k.tenantId)
                    && Objects.equals(entity, k.entity)
                    && Objects.equals(localId, k.localId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(tenantId, entity, localId);
        }
    }
}
