package io.comply360.tenant.tenants;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class TenantRepository implements PanacheRepositoryBase<Tenant, UUID> {

    /** The tenant using {@code slug}: a cancelled tenant gave its slug up. */
    public Uni<Tenant> findBySlug(String slug) {
        return find("slug = ?1 and status <> ?2", slug, TenantStatus.cancelled).firstResult();
    }

    public Uni<List<Tenant>> page(int limit, int offset) {
        return findAll(Sort.by("createdAt").and("slug"))
                .range(offset, offset + limit - 1)
                .list();
    }
}
