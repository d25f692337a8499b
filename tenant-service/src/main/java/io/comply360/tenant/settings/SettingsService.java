package io.comply360.tenant.settings;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.comply360.contracts.tenant.TenantEvents;
import io.comply360.platform.data.TenantTransactions;
import io.comply360.platform.data.audit.AuditTrail;
import io.comply360.platform.error.ProblemException;
import io.comply360.platform.messaging.Outbox;
import io.comply360.platform.tenancy.Roles;
import io.comply360.platform.web.Page;
import io.comply360.platform.web.Versions;
import io.comply360.tenant.tenants.TenantRepository;
import io.smallrye.mutiny.Uni;

/** Reads and replaces a tenant's settings, with optimistic concurrency through the version (ETag). */
@ApplicationScoped
public class SettingsService {

    private final TenantTransactions tx;
    private final SettingsRepository settings;
    private final TenantRepository tenants;
    private final AuditTrail audit;
    private final SettingsHistoryRepository history;
    private final LogoRepository logos;
    private final Outbox outbox;

    public SettingsService(
            TenantTransactions tx,
            SettingsRepository settings,
            TenantRepository tenants,
            AuditTrail audit,
            SettingsHistoryRepository history,
            LogoRepository logos,
            Outbox outbox) {
        this.tx = tx;
        this.settings = settings;
        this.tenants = tenants;
        this.audit = audit;
        this.history = history;
        this.logos = logos;
        this.outbox = outbox;
    }

    public Uni<TenantSettings> current(UUID tenantId) {
        return tx.inTenant(tenantId, () -> settings.withLogo(tenantId))
                .map(found -> found != null ? found : TenantSettings.defaults(tenantId));
    }

    /**
     * Replaces the settings if {@code ifMatch} names the current version (428 without it, 412 when stale).
     * The row is locked while it is compared and written, so of two concurrent saves from one version
     * exactly one wins. The saved version goes to the settings history (who, which fields) and the audit trail in the
     * same transaction, and, when any field changed, {@code tenant.updated} naming them: services that keep the
     * internal tenant view (branding, SLA targets, business hours, time zone) read it anew, each ignoring the fields
     * it does not keep. A save that changes nothing announces nothing.
     */
    public Uni<TenantSettings> replace(UUID tenantId, String userId, String ifMatch, SettingsRequest request) {
        SettingsRequest wanted = normalised(request);
        return tx.inTenant(
                tenantId,
                // Shared lock: a status change waits for this save, so the status the event names is still the
                // tenant's.
                () -> tenants.findById(tenantId, LockModeType.PESSIMISTIC_READ)
                        .onItem()
                        .ifNull()
                        .failWith(() -> ProblemException.notFound("Tenant"))
                        .chain(tenant -> settings.lockOrCreate(tenantId).chain(current -> {
                            Versions.requireMatch(ifMatch, current.version, current.version > 0);
                            var changed = current.replaceWith(wanted);
                            current.version = current.version + 1;
                            current.updatedAt = Instant.now();
                            current.updatedBy = userId;
                            return history.record(tenantId, userId, changed, SettingsView.of(current))
                                    .call(() -> audit.record(
                                            tenantId,
                                            userId,
                                            Roles.TENANT_ADMIN,
                                            "settings.replaced",
                                            null,
                                            Map.of("version", current.version, "changed", changed)))
                                    .call(() -> changed.isEmpty()
                                            ? Uni.createFrom().voidItem()
                                            : outbox.publish(
                                                    TenantEvents.UPDATED,
                                                    tenantId,
                                                    tenantId.toString(),
                                                    new TenantEvents.Updated(
                                                            tenantId,
                                                            tenant.slug,
                                                            tenant.status.name(),
                                                            tenant.status.name(),
                                                            current.updatedAt,
                                                            changed)))
                                    .chain(() -> logos.versionOf(tenantId))
                                    .map(version -> {
                                        current.logoVersion = version;
                                        return current;
                                    });
                        })));
    }

    public Uni<Page<SettingsHistoryView>> history(UUID tenantId, int limit, int offset) {
        return tx.inTenant(tenantId, () -> history.page(limit, offset));
    }

    /** Left-out parts at their defaults, the colour in capitals, the working days once each in week order. */
    static SettingsRequest normalised(SettingsRequest request) {
        BusinessHours hours = request.businessHours();
        if (hours != null && hours.opens().compareTo(hours.closes()) >= 0) {
            throw ProblemException.invalid("businessHours.closes", "must be after opens");
        }
        return new SettingsRequest(
                request.displayName(),
                request.defaultLocale(),
                request.timeZone(),
                request.primaryColour().toUpperCase(Locale.ROOT),
                request.slaTargets() == null ? Map.of() : request.slaTargets(),
                hours == null
                        ? BusinessHours.DEFAULT
                        : new BusinessHours(
                                hours.days().stream().distinct().sorted().toList(), hours.opens(), hours.closes()),
                request.notificationDefaults() == null ? NotificationDefaults.DEFAULT : request.notificationDefaults());
    }
}
