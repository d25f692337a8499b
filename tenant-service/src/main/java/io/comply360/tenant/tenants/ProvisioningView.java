package io.comply360.tenant.tenants;

import java.time.Instant;
import java.util.UUID;

/** Where a tenant's provisioning stands, for platform admins. */
public record ProvisioningView(
        UUID tenantId,
        TenantStatus status,
        String adminEmail,
        String adminUserId,
        String blockedReason,
        Instant requestedAt,
        Instant completedAt) {

    public static ProvisioningView of(Tenant tenant, TenantProvisioning saga) {
        return saga == null
                ? new ProvisioningView(tenant.id, tenant.status, null, null, null, null, null)
                : new ProvisioningView(
                        tenant.id,
                        tenant.status,
                        saga.adminEmail,
                        saga.adminUserId,
                        saga.blockedReason,
                        saga.requestedAt,
                        saga.completedAt);
    }
}
