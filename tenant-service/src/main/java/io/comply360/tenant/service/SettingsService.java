package io.comply360.tenant.service;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.comply360.platform.data.TenantTransactions;
import io.comply360.platform.error.ProblemException;
import io.comply360.platform.tenancy.Roles;
import io.comply360.platform.web.Versions;
import io.comply360.tenant.TenantSettings;
import io.comply360.tenant.audit.AuditLog;
import io.comply360.tenant.repository.SettingsRepository;
import io.comply360.tenant.repository.TenantRepository;
import io.comply360.tenant.rest.SettingsRequest;
import io.smallrye.mutiny.Uni;

/** Reads and replaces a tenant's settings, with optimistic concurrency through the version (ETag). */
@ApplicationScoped
public class SettingsService {

    private final TenantTransactions tx;
    private final SettingsRepository settings;
    private final TenantRepository tenants;
    private final AuditLog audit;

    public SettingsService(TenantTransactions tx, SettingsRepository settings, TenantRepository tenants, AuditLog audit) {
        this.audit = audit;
        this.tx = tx;
        this.settings = settings;
        this.tenants = tenants;
    }

    public Uni<TenantSettings> current(UUID tenantId) {
        return tx.inTenant(tenantId, () -> settings.findById(tenantId))
                .map(found -> found != null ? found : TenantSettings.defaults(tenantId));
    }

    /**
     * Replaces the settings if {@code ifMatch} names the current version (428 without it, 412 when stale).
     * The row is locked while it is compared and written, so of two concurrent saves from one version
     * exactly one wins.
     */
    public Uni<TenantSettings> replace(UUID tenantId, String userId, String ifMatch, SettingsRequest request) {
        return tx.inTenant(tenantId, () -> tenants.findById(tenantId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Tenant"))
                .chain(() -> settings.lockOrCreate(tenantId))
                .invoke(current -> {
                    Versions.requireMatch(ifMatch, current.version);
                    current.displayName = request.displayName();
                    current.defaultLocale = request.defaultLocale();
                    current.timeZone = request.timeZone();
                    current.primaryColour = request.primaryColour().toUpperCase(Locale.ROOT);
                    current.version = current.version + 1;
                    current.updatedAt = Instant.now();
                    current.updatedBy = userId;
                })
                .call(current -> audit.record(tenantId, userId, Roles.TENANT_ADMIN, "settings.replaced", null,
                        java.util.Map.of("version", current.version))));
    }
}
