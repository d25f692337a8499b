package io.comply360.tenant.rest;

import java.time.Instant;

import io.comply360.tenant.TenantSettings;

public record SettingsView(String displayName, String defaultLocale, String timeZone, String primaryColour,
        long version, Instant updatedAt, String updatedBy) {

    public static SettingsView of(TenantSettings settings) {
        return new SettingsView(settings.displayName, settings.defaultLocale, settings.timeZone,
                settings.primaryColour, settings.version, settings.updatedAt, settings.updatedBy);
    }
}
