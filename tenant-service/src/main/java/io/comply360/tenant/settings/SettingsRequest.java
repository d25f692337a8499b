package io.comply360.tenant.settings;

import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The whole of a tenant's settings (PUT replaces them); the logo is a resource of its own
 * ({@code /api/v1/settings/logo}). {@code displayName} may be left out;
 * left-out SLA targets, business hours and notification defaults take their defaults.
 */
public record SettingsRequest(
        @Size(min = 1, max = 100, message = "must be 1 to 100 characters")
        String displayName,

        @NotNull(message = "is required")
        @Size(max = 2, message = "must be en or af")
        @Pattern(regexp = "en|af", message = "must be en or af")
        String defaultLocale,

        @NotNull(message = "is required")
        @Size(max = 64, message = "must be a time zone such as Africa/Johannesburg")
        @TimeZoneId
        String timeZone,

        @NotNull(message = "is required")
        @Size(max = 7, message = "must be a colour like #1F4E79")
        @Pattern(regexp = "#[0-9A-Fa-f]{6}", message = "must be a colour like #1F4E79")
        String primaryColour,
        /** Business hours a registration may stay in each state, e.g. {"SUBMITTED": 8, "IN_REVIEW": 16}. */
        @Size(max = SlaStates.COUNT, message = "must have at most " + SlaStates.COUNT + " states")
        Map<
                        @Size(max = 32, message = SlaStates.MESSAGE)
                        @Pattern(regexp = SlaStates.PATTERN, message = SlaStates.MESSAGE) String,
                        @NotNull(message = "is required") @Min(value = 1, message = "must be at least 1 hour")
                        @Max(value = 2000, message = "must be at most 2000 hours") Integer>
                slaTargets,

        @Valid BusinessHours businessHours,
        @Valid NotificationDefaults notificationDefaults) {

    /** The registration states an SLA clock runs in (the filing workflow's waiting states). */
    public static final class SlaStates {
        static final String PATTERN = "SUBMITTED|IN_REVIEW|CHANGES_REQUESTED|RESUBMITTED|APPROVED|FILED";
        static final int COUNT = 6;
        static final String MESSAGE =
                "must be a registration state with an SLA: SUBMITTED, IN_REVIEW, CHANGES_REQUESTED, RESUBMITTED, APPROVED or FILED";

        private SlaStates() {}
    }
}
