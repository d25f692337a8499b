package io.comply360.platform.data;

import java.util.UUID;

/** A due item found by a job-discovery function: which tenant, which row; nothing else crosses tenants. */
public record TenantItem(UUID tenantId, UUID id) {}
