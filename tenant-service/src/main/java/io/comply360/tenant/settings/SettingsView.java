package io.comply360.tenant.settings;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The settings as clients read them; also the snapshot the settings history keeps of each saved version. */
@RegisterForReflection // also read and written by Hibernate's JSON mapping (the history's snapshot), outside REST
public record SettingsView(
        String displayName,
        String defaultLocale,
        String timeZone,
        String primaryColour,
        String logo,
        Map<String, Integer> slaTargets,
        BusinessHours businessHours,
        NotificationDefaults notificationDefaults,
        long version,
        Instant updatedAt,
        String updatedBy) {

    /**
     * {@code logo} is where the agency's logo is served, with its version so that a new logo gets a new URL; the SLA
     * targets are listed by state name.
     */
    public static SettingsView of(TenantSettings settings) {
        return new SettingsView(
                settings.displayName,
                settings.defaultLocale,
                settings.timeZone,
                settings.primaryColour,
                TenantLogo.urlOf(settings.logoVersion),
                new TreeMap<>(settings.slaTargets),
                settings.businessHours,
                settings.notificationDefaults,
                settings.version,
                settings.updatedAt,
                settings.updatedBy);
    }

    /** The saved settings as the history keeps them: without the logo, which is stored and replaced on its own. */
    public SettingsView withoutLogo() {
        return new SettingsView(
                displayName,
                defaultLocale,
                timeZone,
                primaryColour,
                null,
                slaTargets,
                businessHours,
                notificationDefaults,
                version,
                updatedAt,
                updatedBy);
    }
}
