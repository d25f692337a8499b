package io.comply360.tenant.settings;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A tenant's settings. Versioned: every change increments {@code version} (the ETag) and records who made it.
 * A tenant that never saved settings has the defaults at version 0.
 */
@Entity
@Table(name = "settings")
public class TenantSettings {

    public static final String DEFAULT_LOCALE = "en";
    public static final String DEFAULT_TIME_ZONE = "Africa/Johannesburg";
    public static final String DEFAULT_PRIMARY_COLOUR = "#1F4E79";

    @Id
    @Column(name = "tenant_id")
    public UUID tenantId;

    @Column(name = "display_name")
    public String displayName;

    @Column(name = "default_locale")
    public String defaultLocale;

    @Column(name = "time_zone")
    public String timeZone;

    @Column(name = "primary_colour")
    public String primaryColour;

    /** The version of the agency's logo ({@code tenant_logos}), read with the settings; null without a logo. */
    @Transient
    public String logoVersion;

    /** Hours (business hours) a registration may stay in each state, keyed by state. */
    @Column(name = "sla_targets")
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Integer> slaTargets = Map.of();

    /** Working days and hours the SLA clocks count. */
    @Column(name = "business_hours")
    @JdbcTypeCode(SqlTypes.JSON)
    public BusinessHours businessHours = BusinessHours.DEFAULT;

    /** Which channels the agency's people get by default (each person may change theirs). */
    @Column(name = "notification_defaults")
    @JdbcTypeCode(SqlTypes.JSON)
    public NotificationDefaults notificationDefaults = NotificationDefaults.DEFAULT;

    public long version;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Column(name = "updated_by")
    public String updatedBy;

    public static TenantSettings defaults(UUID tenantId) {
        TenantSettings settings = new TenantSettings();
        settings.tenantId = tenantId;
        settings.defaultLocale = DEFAULT_LOCALE;
        settings.timeZone = DEFAULT_TIME_ZONE;
        settings.primaryColour = DEFAULT_PRIMARY_COLOUR;
        settings.version = 0;
        return settings;
    }

    /**
     * Takes every value of {@code wanted} (already normalised: left-out parts at their defaults) and names the
     * fields whose value changed, in a fixed order: what the settings history records.
     */
    public List<String> replaceWith(SettingsRequest wanted) {
        List<String> changed = new ArrayList<>();
        displayName = changed(changed, "displayName", displayName, wanted.displayName());
        defaultLocale = changed(changed, "defaultLocale", defaultLocale, wanted.defaultLocale());
        timeZone = changed(changed, "timeZone", timeZone, wanted.timeZone());
        primaryColour = changed(changed, "primaryColour", primaryColour, wanted.primaryColour());
        slaTargets = changed(changed, "slaTargets", slaTargets, wanted.slaTargets());
        businessHours = changed(changed, "businessHours", businessHours, wanted.businessHours());
        notificationDefaults =
                changed(changed, "notificationDefaults", notificationDefaults, wanted.notificationDefaults());
        return changed;
    }

    private static <T> T changed(List<String> changed, String field, T before, T after) {
        if (!Objects.equals(before, after)) {
            changed.add(field);
        }
        return after;
    }
}
