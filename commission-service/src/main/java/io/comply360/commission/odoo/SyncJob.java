package io.comply360.commission.odoo;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Converter;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A thing to bring to the agency's Odoo (one row per entity and local id); each run pushes its current state. */
@Entity
@Table(name = "odoo_jobs")
public class SyncJob {

    @Id
    public UUID id;

    @Column(name = "tenant_id", nullable = false, updatable = false)
    public UUID tenantId;

    @Convert(converter = EntityCode.class)
    public SyncEntity entity;

    @Column(name = "local_id")
    public String localId;

    @Enumerated(EnumType.STRING)
    public SyncStatus status;

    public int attempts;

    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;

    @Column(name = "claimed_until")
    public Instant claimedUntil;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "last_error_kind")
    public String lastErrorKind;

    @Column(name = "last_attempt_at")
    public Instant lastAttemptAt;

    @Column(name = "done_at")
    public Instant doneAt;

    @Column(name = "requested_at")
    public Instant requestedAt;

    /** How many times the thing was asked for: a run that ends with another count than it began with ran again. */
    public long requests;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    /** Stores an entity by its lower-case code. */
    @Converter
    public static class EntityCode implements AttributeConverter<SyncEntity, String> {
        @Override
        public String convertToDatabaseColumn(SyncEntity entity) {
            return entity == null ? null : entity.code;
        }

        @Override
        public SyncEntity convertToEntityAttribute(String code) {
            return code == null ? null : SyncEntity.of(code);
        }
    }
}
