package io.comply360.tenant.audit;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One admin action on a tenant. Written once, never changed (the database refuses it). */
@Entity
@Table(name = "audit_log")
public class AuditEntry {

    @Id
    public UUID id;

    @Column(name = "tenant_id")
    public UUID tenantId;

    public Instant at;

    /** The acting user's id (token subject). */
    public String actor;

    @Column(name = "actor_role")
    public String actorRole;

    /** What was done, e.g. {@code tenant.suspended}, {@code user.invited}, {@code settings.replaced}. */
    public String action;

    /** What it was done to (a user id, the tenant id), if anything more specific than the tenant. */
    public String target;

    /** The particulars (roles given, reason, version): ids and choices, no personal data. */
    @JdbcTypeCode(SqlTypes.JSON)
    public String detail;
}
