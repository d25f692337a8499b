package io.comply360.tenant.repository;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.comply360.tenant.TenantProvisioning;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;

@ApplicationScoped
public class ProvisioningRepository implements PanacheRepositoryBase<TenantProvisioning, UUID> {
}
