package io.comply360.document.documents;

import java.util.UUID;

import io.comply360.platform.tenancy.CurrentTenant;
import io.comply360.platform.tenancy.Roles;
import io.quarkus.security.identity.SecurityIdentity;

/** Who acts: the tenant and user of the verified token and the role recorded in the audit trail. */
public record Actor(UUID tenantId, String userId, String role) {

    public static Actor of(CurrentTenant tenant, SecurityIdentity identity) {
        return new Actor(tenant.require(), tenant.userId(), Roles.strongestAgencyRole(identity));
    }
}
