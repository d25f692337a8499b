package io.comply360.tenant.settings;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

/** The logo of the transaction's tenant (row level security). */
@ApplicationScoped
public class LogoRepository implements PanacheRepositoryBase<TenantLogo, UUID> {

    /** The logo's version without loading the image; null without a logo. */
    public Uni<String> versionOf(UUID tenantId) {
        return Panache.getSession()
                .chain(session -> session.createSelectionQuery(
                                "select sha256 from TenantLogo where tenantId = :tenant", String.class)
                        .setParameter("tenant", tenantId)
                        .getSingleResultOrNull())
                .map(TenantLogo::versionOf);
    }
}
