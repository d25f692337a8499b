package io.comply360.tenant.tenants;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;

@ApplicationScoped
public class ProvisioningRepository implements PanacheRepositoryBase<TenantProvisioning, UUID> {}
