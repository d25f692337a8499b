package io.comply360.tenant.tenants;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

public record TenantView(
        UUID id,
        String slug,
        String legalName,
        List<String> countries,
        Tier tier,
        TenantStatus status,
        Instant createdAt,
        Instant updatedAt) {

    public static TenantView of(Tenant tenant) {
        return new TenantView(
                tenant.id,
                tenant.slug,
                tenant.legalName,
                List.of(tenant.countries),
                tenant.tier,
                tenant.status,
                tenant.createdAt,
                tenant.updatedAt);
    }
}
