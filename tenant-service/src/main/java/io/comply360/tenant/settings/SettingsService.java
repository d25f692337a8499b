package io.comply360.tenant.settings;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.comply360.platform.data.TenantTransactions;
import io.comply360.platform.error.ProblemException;
import io.comply360.platform.tenancy.Roles;
import io.comply360.platform.web.Page;
import io.comply360.platform.web.Versions;
import io.comply360.tenant.audit.AuditLog;
import io.comply360.tenant.tenants.TenantRepository;
import io.smallrye.mutiny.Uni;

/** Reads and replaces a tenant's settings, with optimistic concurrency through the version (ETag). */
@ApplicationScoped
public class SettingsService {

    private final TenantTransactions tx;
    private final SettingsRepository settings;
    private final TenantRepository tenants;
    private final AuditLog audit;
    private final SettingsHistory history;
    private final SettingsJson json;
    private final ObjectMapper jsonMapper;
    private final LogoRepository logos;

    public SettingsService(TenantTransactions tx, SettingsRepository settings, TenantRepository tenants, AuditLog audit,
            SettingsHistory history, SettingsJson json, ObjectMapper jsonMapper, LogoRepository logos) {
        this.logos = logos;
        this.audit = audit;
        this.history = history;
        this.json = json;
        this.jsonMapper = jsonMapper;
        this.tx = tx;
        this.settings = settings;
        this.tenants = tenants;
    }

    public Uni<TenantSettings> current(UUID tenantId) {
        return tx.inTenant(tenantId, () -> settings.withLogo(tenantId))
                .map(found -> found != null ? found : TenantSettings.defaults(tenantId));
    }

    /**
     * Replaces the settings if {@code ifMatch} names the current version (428 without it, 412 when stale).
     * The row is locked while it is compared and written, so of two concurrent saves from one version
     * exactly one wins. The saved version goes to the settings history (who, which fields) and the audit trail in the
     * same transaction.
     */
    public Uni<TenantSettings> replace(UUID tenantId, String userId, String ifMatch, SettingsRequest request) {
        String slaTargets = json.write(request.slaTargets() == null ? Map.of() : new TreeMap<>(request.slaTargets()));
        String businessHours = request.businessHours() == null ? TenantSettings.DEFAULT_BUSINESS_HOURS
                : json.write(checked(request.businessHours()));
        String notifications = request.notificationDefaults() == null ? TenantSettings.DEFAULT_NOTIFICATIONS
                : json.write(request.notificationDefaults());
        return tx.inTenant(tenantId, () -> tenants.findById(tenantId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Tenant"))
                .chain(() -> settings.lockOrCreate(tenantId))
                .chain(current -> {
                    Versions.requireMatch(ifMatch, current.version, current.version > 0);
                    List<String> changed = new ArrayList<>();
                    current.displayName = changed(changed, "displayName", current.displayName, request.displayName());
                    current.defaultLocale = changed(changed, "defaultLocale", current.defaultLocale, request.defaultLocale());
                    current.timeZone = changed(changed, "timeZone", current.timeZone, request.timeZone());
                    current.primaryColour = changed(changed, "primaryColour", current.primaryColour,
                            request.primaryColour().toUpperCase(Locale.ROOT));
                    current.slaTargets = changedJson(changed, "slaTargets", current.slaTargets, slaTargets);
                    current.businessHours = changedJson(changed, "businessHours", current.businessHours, businessHours);
                    current.notificationDefaults = changedJson(changed, "notificationDefaults", current.notificationDefaults,
                            notifications);
                    current.version = current.version + 1;
                    current.updatedAt = Instant.now();
                    current.updatedBy = userId;
                    SettingsView saved = SettingsView.of(current, json);
                    return history.record(tenantId, current.version, userId, changed, new SettingsView(saved.displayName(),
                            saved.defaultLocale(), saved.timeZone(), saved.primaryColour(), null, saved.slaTargets(),
                            saved.businessHours(), saved.notificationDefaults(), saved.version(), saved.updatedAt(),
                            saved.updatedBy()))
                            .call(() -> audit.record(tenantId, userId, Roles.TENANT_ADMIN, "settings.replaced", null,
                                    Map.of("version", current.version, "changed", changed)))
                            .chain(() -> logos.versionOf(tenantId))
                            .map(version -> {
                                current.logoVersion = version;
                                return current;
                            });
                }));
    }

    public Uni<Page<SettingsHistory.View>> history(UUID tenantId, int limit, int offset) {
        return history.page(tenantId, limit, offset);
    }

    private static SettingsRequest.BusinessHours checked(SettingsRequest.BusinessHours hours) {
        if (hours.opens().compareTo(hours.closes()) >= 0) {
            throw ProblemException.invalid("businessHours.closes", "must be after opens");
        }
        return new SettingsRequest.BusinessHours(hours.days().stream().distinct().sorted().toList(), hours.opens(),
                hours.closes());
    }

    private static String changed(List<String> changed, String field, String before, String after) {
        if (!Objects.equals(before, after)) {
            changed.add(field);
        }
        return after;
    }

    private String changedJson(List<String> changed, String field, String before, String after) {
        try {
            if (!jsonMapper.readTree(before).equals(jsonMapper.readTree(after))) {
                changed.add(field);
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return after;
    }
}
