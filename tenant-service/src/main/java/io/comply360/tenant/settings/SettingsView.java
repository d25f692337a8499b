package io.comply360.tenant.settings;

import java.time.Instant;
import java.util.Map;


public record SettingsView(String displayName, String defaultLocale, String timeZone, String primaryColour,
        String logo, Map<String, Integer> slaTargets, SettingsRequest.BusinessHours businessHours,
        SettingsRequest.NotificationDefaults notificationDefaults, long version, Instant updatedAt, String updatedBy) {

    /**
     * The settings as clients read them ({@code json} turns the stored JSON columns back into values); {@code logo}
     * is where the agency's logo is served, with its version so that a new logo gets a new URL.
     */
    public static SettingsView of(TenantSettings settings, SettingsJson json) {
        return new SettingsView(settings.displayName, settings.defaultLocale, settings.timeZone,
                settings.primaryColour, LogoResource.urlOf(settings.logoVersion), json.slaTargets(settings),
                json.businessHours(settings),
                json.notificationDefaults(settings), settings.version, settings.updatedAt, settings.updatedBy);
    }
}
