package io.comply360.tenant.settings;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.comply360.platform.concurrent.BlockingCalls;
import io.comply360.platform.data.TenantTransactions;
import io.comply360.platform.data.audit.AuditTrail;
import io.comply360.platform.error.ProblemException;
import io.comply360.platform.tenancy.Roles;
import io.comply360.tenant.tenants.TenantRepository;
import io.smallrye.mutiny.Uni;

/**
 * A tenant's logo, an image of its own beside the settings: replaced whole (last upload wins; each change is in
 * the audit trail), re-encoded on a worker thread before anything is written.
 */
@ApplicationScoped
public class LogoService {

    private final TenantTransactions tx;
    private final LogoRepository logos;
    private final SettingsRepository settings;
    private final TenantRepository tenants;
    private final AuditTrail audit;

    public LogoService(
            TenantTransactions tx,
            LogoRepository logos,
            SettingsRepository settings,
            TenantRepository tenants,
            AuditTrail audit) {
        this.tx = tx;
        this.logos = logos;
        this.settings = settings;
        this.tenants = tenants;
        this.audit = audit;
    }

    /** The tenant's logo; 404 when it has none. */
    public Uni<TenantLogo> get(UUID tenantId) {
        return tx.inTenant(tenantId, () -> logos.findById(tenantId))
                .onItem()
                .ifNull()
                .failWith(() -> ProblemException.notFound("Logo"));
    }

    public Uni<TenantLogo> replace(UUID tenantId, String userId, byte[] upload) {
        // Decoding and re-encoding an image is CPU work: on a worker thread, never on the event loop.
        return BlockingCalls.run(() -> LogoImages.normalise(upload))
                .chain(image -> tx.inTenant(
                        tenantId,
                        () -> tenants.findById(tenantId)
                                .onItem()
                                .ifNull()
                                .failWith(() -> ProblemException.notFound("Tenant"))
                                // The settings row is where readers find the logo's version; it also orders this change
                                // with a concurrent save of the settings.
                                .chain(() -> settings.lockOrCreate(tenantId))
                                .chain(() -> logos.findById(tenantId))
                                .chain(existing -> {
                                    TenantLogo logo = existing != null ? existing : new TenantLogo();
                                    logo.tenantId = tenantId;
                                    logo.mediaType = image.mediaType();
                                    logo.image = image.bytes();
                                    logo.sha256 = image.sha256();
                                    logo.width = image.width();
                                    logo.height = image.height();
                                    logo.updatedAt = Instant.now();
                                    logo.updatedBy = userId;
                                    return (existing != null ? Uni.createFrom().item(logo) : logos.persist(logo))
                                            .call(() -> audit.record(
                                                    tenantId,
                                                    userId,
                                                    Roles.TENANT_ADMIN,
                                                    "settings.logo_replaced",
                                                    null,
                                                    Map.of(
                                                            "sha256",
                                                            image.sha256(),
                                                            "bytes",
                                                            image.bytes().length,
                                                            "mediaType",
                                                            image.mediaType())));
                                })));
    }

    /** Removes the logo (nothing to do when there is none). */
    public Uni<Void> remove(UUID tenantId, String userId) {
        return tx.inTenant(
                        tenantId,
                        () -> logos.deleteById(tenantId)
                                .call(deleted -> deleted
                                        ? audit.record(
                                                tenantId,
                                                userId,
                                                Roles.TENANT_ADMIN,
                                                "settings.logo_removed",
                                                null,
                                                Map.of())
                                        : Uni.createFrom().voidItem()))
                .replaceWithVoid();
    }
}
