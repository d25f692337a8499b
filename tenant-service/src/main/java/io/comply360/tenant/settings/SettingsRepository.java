package io.comply360.tenant.settings;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

/** Settings of the transaction's tenant; row level security keeps every query to that tenant. */
@ApplicationScoped
public class SettingsRepository implements PanacheRepositoryBase<TenantSettings, UUID> {

    /** The tenant's settings with the version of its logo, in one query; null when never saved. */
    public Uni<TenantSettings> withLogo(UUID tenantId) {
        return Panache.getSession()
                .chain(session -> session.createSelectionQuery("""
                select s, l.sha256 from TenantSettings s left join TenantLogo l on l.tenantId = s.tenantId
                where s.tenantId = :tenant
                """, Object[].class)
                        .setParameter("tenant", tenantId)
                        .getSingleResultOrNull())
                .map(row -> {
                    if (row == null) {
                        return null;
                    }
                    TenantSettings settings = (TenantSettings) row[0];
                    settings.logoVersion = TenantLogo.versionOf((String) row[1]);
                    return settings;
                });
    }

    /**
     * The tenant's settings row, locked for update; created with the defaults at version 0 first if the
     * tenant never saved any, so concurrent first saves serialise on the row instead of racing to insert.
     */
    public Uni<TenantSettings> lockOrCreate(UUID tenantId) {
        TenantSettings defaults = TenantSettings.defaults(tenantId);
        return Panache.getSession()
                .chain(session -> session.createNativeQuery("""
                insert into settings (tenant_id, default_locale, time_zone, primary_colour, version, updated_at, updated_by)
                values (:tenant, :locale, :zone, :colour, 0, now(), 'system')
                on conflict (tenant_id) do nothing
                """)
                        .setParameter("tenant", tenantId)
                        .setParameter("locale", defaults.defaultLocale)
                        .setParameter("zone", defaults.timeZone)
                        .setParameter("colour", defaults.primaryColour)
                        .executeUpdate())
                .chain(() -> findById(tenantId, LockModeType.PESSIMISTIC_WRITE));
    }
}
