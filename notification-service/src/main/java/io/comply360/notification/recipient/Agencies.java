package io.comply360.notification.recipient;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.comply360.clients.tenant.TenantDirectory;
import io.comply360.clients.tenant.TenantServiceApi;
import io.comply360.notification.config.NotificationConfig;
import io.smallrye.mutiny.Uni;

/**
 * Agencies' branding from tenant-service, kept for a minute per tenant: a burst of messages of one agency asks once.
 * Logos are kept per branding version (a new logo is a new version), a few at a time.
 */
@ApplicationScoped
public class Agencies {

    private static final Duration KEEP = Duration.ofMinutes(1);
    private static final int LOGOS_KEPT = 32;
    private static final String DEFAULT_COLOUR = "#1f4e79";

    private record Kept(Agency agency, Instant until) {}

    private final TenantDirectory directory;
    private final NotificationConfig config;
    private final Clock clock;
    private final Map<UUID, Kept> agencies = new ConcurrentHashMap<>();
    private final Map<String, byte[]> logos = new ConcurrentHashMap<>();

    public Agencies(TenantDirectory directory, NotificationConfig config, Clock clock) {
        this.directory = directory;
        this.config = config;
        this.clock = clock;
    }

    public Uni<Agency> of(UUID tenantId) {
        Kept kept = agencies.get(tenantId);
        Instant now = clock.instant();
        if (kept != null && kept.until().isAfter(now)) {
            return Uni.createFrom().item(kept.agency());
        }
        return directory.tenant(tenantId).map(info -> {
            Agency agency = agency(info);
            agencies.put(tenantId, new Kept(agency, now.plus(KEEP)));
            return agency;
        });
    }

    /** The agency's logo at {@code version} (PNG or JPEG bytes). */
    public Uni<byte[]> logo(UUID tenantId, String version) {
        String key = tenantId + ":" + version;
        byte[] kept = logos.get(key);
        if (kept != null) {
            return Uni.createFrom().item(kept);
        }
        return directory.logo(tenantId, version).invoke(bytes -> {
            if (logos.size() >= LOGOS_KEPT) {
                logos.clear();
            }
            logos.put(key, bytes);
        });
    }

    private Agency agency(TenantServiceApi.TenantInfo info) {
        TenantServiceApi.Branding branding = info.branding();
        String name = branding != null && branding.displayName() != null ? branding.displayName() : info.legalName();
        String colour =
                branding != null && branding.primaryColour() != null ? branding.primaryColour() : DEFAULT_COLOUR;
        String logo = branding == null || branding.logo() == null ? null : logoVersion(branding.logo());
        String locale = branding == null ? null : Locales.supported(branding.defaultLocale());
        return new Agency(
                info.id(),
                info.slug(),
                name == null ? info.slug() : name,
                colour,
                logo,
                config.portalUrl().replace("{slug}", info.slug()),
                locale == null ? Locales.FALLBACK : locale,
                zone(branding == null ? null : branding.timeZone()));
    }

    private static String logoVersion(String address) {
        int at = address.indexOf("v=");
        return at < 0 ? "0" : address.substring(at + 2);
    }

    private static ZoneId zone(String id) {
        try {
            return id == null ? ZoneId.of("Africa/Johannesburg") : ZoneId.of(id);
        } catch (DateTimeException e) {
            return ZoneId.of("Africa/Johannesburg");
        }
    }
}
