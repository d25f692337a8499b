package io.comply360.platform.data.internal;

import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/**
 * A claimed {@code Idempotency-Key} and, once its operation finished, the stored answer. An entity so that reading
 * one is a query Hibernate plans once (every native select would add a query plan of its own).
 */
@Entity
@Table(name = "idempotency_keys")
@IdClass(IdempotencyKey.PrimaryKey.class)
public class IdempotencyKey {

    @Id
    @Column(name = "tenant_id")
    public UUID tenantId;

    @Id
    public String principal;

    @Id
    @Column(name = "idem_key")
    public String key;

    @Column(name = "request_hash")
    public String requestHash;

    /** Null until the operation stored its answer. */
    public Integer status;

    public String location;

    public String body;

    /** A key belongs to one caller of one tenant. */
    public static class PrimaryKey implements Serializable {
        public UUID tenantId;
        public String principal;
        public String key;

        @Override
        public boolean equals(Object o) {
            return o instanceof PrimaryKey other
                    && Objects.equals(tenantId, other.tenantId)
                    && Objects.equals(principal, other.principal)
                    && Objects.equals(key, other.key);
        }

        @Override
        public int hashCode() {
            return Objects.hash(tenantId, principal, key);
        }
    }
}
