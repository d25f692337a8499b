package io.comply360.tenant.tenants;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * How far a tenant's provisioning saga got: its first admin (created in Keycloak, given the tenant's id and
 * role), the portal address registered, the set-password mail sent, then the tenant is active. Each step is
 * recorded when done and idempotent, so the saga can be retried and resumed at any time.
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

    /** The tenant's portal address is registered on the portal client. */
    @Column(name = "portal_registered_at")
    public Instant portalRegisteredAt;

    /** The first admin's set-password mail went out (it is sent once, whatever is retried after it). */
    @Column(name = "invitation_sent_at")
    public Instant invitationSentAt;

    /** A cancelled provisioning's Keycloak account and portal address are removed. */
    @Column(name = "cleaned_up_at")
    public Instant cleanedUpAt;

    @Column(name = "requested_at")
    public Instant requestedAt;

    @Column(name = "completed_at")
    public Instant completedAt;
}
