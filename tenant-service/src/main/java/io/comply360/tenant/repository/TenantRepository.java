package io.comply360.tenant.repository;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.comply360.tenant.Tenant;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class TenantRepository implements PanacheRepositoryBase<Tenant, UUID> {

    public Uni<Tenant> findBySlug(String slug) {
        return find("slug", slug).firstResult();
    }

    public Uni<List<Tenant>> page(int limit, int offset) {
        return findAll(Sort.by("createdAt").and("slug")).range(offset, offset + limit - 1).list();
    }
}
