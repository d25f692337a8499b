package io.comply360.tenant;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * How far a tenant's provisioning saga got: its first admin (created in Keycloak, given the tenant's id and
 * role, sent a set-password mail), then the portal address registered, then the tenant is active. Each step
 * is idempotent, so the saga can be retried and resumed from the start at any time.
 */
@Entity
@Table(name = "tenant_provisioning")
public class TenantProvisioning {

    @Id
    @Column(name = "tenant_id")
    public UUID tenantId;

    @Column(name = "admin_email")
    public String adminEmail;

    @Column(name = "admin_first_name")
    public String adminFirstName;

    @Column(name = "admin_last_name")
    public String adminLastName;

    @Column(name = "admin_user_id")
    public String adminUserId;

    /** Set when provisioning cannot go on by retrying; a platform admin must act (then resume). */
    @Column(name = "blocked_reason")
    public String blockedReason;

    @Column(name = "requested_at")
    public Instant requestedAt;

    @Column(name = "completed_at")
    public Instant completedAt;
}
