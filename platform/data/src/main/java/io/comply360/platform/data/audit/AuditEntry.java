package io.comply360.platform.data.audit;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * One action in a tenant's audit trail, in the service's {@code audit_log} tenant table. Written once, never changed:
 * the service's migration revokes update and delete from the application role.
 */
@Entity
@Immutable // never updated (nor dirty-checked): the application role may not change an entry
@Table(name = "audit_log")
public class AuditEntry {

    @Id
    public UUID id;

    @Column(name = "tenant_id")
    public UUID tenantId;

    public Instant at;

    /** The acting user's id (token subject), or {@code system}. */
    public String actor;

    @Column(name = "actor_role")
    public String actorRole;

    /** What was done, e.g. {@code tenant.suspended}, {@code user.invited}. */
    public String action;

    /** What it was done to (a user id, the tenant id), if anything more specific than the tenant. */
    public String target;

    /** The particulars (roles given, reason, version): ids and choices, no personal data. */
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> detail;
}
