package io.comply360.commission;

import java.util.UUID;

import io.comply360.platform.tenancy.CurrentTenant;
import io.comply360.platform.tenancy.Roles;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * Who asks: the tenant and user of the verified token, and whether they see the agency's money (tenant admins) or
 * only their own (agents).
 */
public record Actor(UUID tenantId, String userId, String role) {

    public static Actor of(CurrentTenant tenant, SecurityIdentity identity) {
        return new Actor(tenant.require(), tenant.userId(), Roles.strongestAgencyRole(identity));
    }

    /** Whether the caller sees every agent's commissions. */
    public boolean admin() {
        return Roles.TENANT_ADMIN.equals(role);
    }

    /** The agent whose money the caller may see: their own unless they are a tenant admin (null: everyone's). */
    public String ownAgentOrNull() {
        return admin() ? null : userId;
    }
}
