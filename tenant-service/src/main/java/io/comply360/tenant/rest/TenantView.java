package io.comply360.tenant.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.comply360.tenant.Tenant;
import io.comply360.tenant.TenantStatus;
import io.comply360.tenant.Tier;

public record TenantView(UUID id, String slug, String legalName, List<String> countries, Tier tier,
        TenantStatus status, Instant createdAt, Instant updatedAt) {

    public static TenantView of(Tenant tenant) {
        return new TenantView(tenant.id, tenant.slug, tenant.legalName, List.of(tenant.countries), tenant.tier,
                tenant.status, tenant.createdAt, tenant.updatedAt);
    }
}
