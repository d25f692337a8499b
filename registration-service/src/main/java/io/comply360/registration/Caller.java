package io.comply360.registration;

import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;

import io.comply360.platform.tenancy.CurrentTenant;
import io.comply360.platform.tenancy.Roles;
import io.quarkus.security.identity.SecurityIdentity;

/** Who is calling: the tenant and user of the verified token, and the role they act in (for the audit trail). */
@RequestScoped
public class Caller {

    private final CurrentTenant tenant;
    private final SecurityIdentity identity;

    public Caller(CurrentTenant tenant, SecurityIdentity identity) {
        this.tenant = tenant;
        this.identity = identity;
    }

    public UUID tenantId() {
        return tenant.require();
    }

    public String userId() {
        return tenant.userId();
    }

    public boolean isTenantAdmin() {
        return identity.hasRole(Roles.TENANT_ADMIN);
    }

    /** The strongest of the caller's agency roles: what the audit trail records as the actor's role. */
    public String role() {
        return Roles.strongestAgencyRole(identity);
    }

    public Actor actor() {
        return new Actor(tenantId(), userId(), role(), isTenantAdmin());
    }

    /** The caller as the services see it: plain values, usable after the request's scope. */
    public record Actor(UUID tenantId, String userId, String role, boolean tenantAdmin) {}
}
