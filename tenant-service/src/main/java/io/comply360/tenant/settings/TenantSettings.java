package io.comply360.tenant.settings;

import java.time.Instant;
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
    public static final String DEFAULT_BUSINESS_HOURS =
            "{\"days\":[\"MONDAY\",\"TUESDAY\",\"WEDNESDAY\",\"THURSDAY\",\"FRIDAY\"],\"opens\":\"08:00\",\"closes\":\"17:00\"}";
    public static final String DEFAULT_NOTIFICATIONS = "{\"email\":true,\"sms\":false,\"inApp\":true}";

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

    /** Hours (business hours) a registration may stay in each state, keyed by state. JSON. */
    @Column(name = "sla_targets")
    @JdbcTypeCode(SqlTypes.JSON)
    public String slaTargets = "{}";

    /** Working days and hours the SLA clocks count. JSON. */
    @Column(name = "business_hours")
    @JdbcTypeCode(SqlTypes.JSON)
    public String businessHours = DEFAULT_BUSINESS_HOURS;

    /** Which channels the agency's people get by default (each person may change theirs). JSON. */
    @Column(name = "notification_defaults")
    @JdbcTypeCode(SqlTypes.JSON)
    public String notificationDefaults = DEFAULT_NOTIFICATIONS;

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
}
