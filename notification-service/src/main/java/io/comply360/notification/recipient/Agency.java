package io.comply360.notification.recipient;

import java.time.ZoneId;
import java.util.UUID;

/**
 * An agency as its messages show it: name, colour, logo (the version of its branding's logo, or null), its portal's
 * address, the locale its people get when they chose none, and its time zone.
 */
public record Agency(
        UUID tenantId,
        String slug,
        String name,
        String colour,
        String logoVersion,
        String portal,
        String defaultLocale,
        ZoneId zone) {}
