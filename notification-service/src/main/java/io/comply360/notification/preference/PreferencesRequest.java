package io.comply360.notification.preference;

import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A person's preferences as a whole (PUT replaces them): everything off ({@code optedOut}; critical messages still
 * come), the zone their hours are in (the agency's when absent), SMS quiet hours (none when null), the daily digest
 * (tenant admins; off when null) and channels per workflow (a workflow not listed has every channel on).
 */
public record PreferencesRequest(
        @NotNull(message = "is required") Boolean optedOut,

        @Size(max = 64, message = "must be at most 64 characters")
        String timeZone,

        @Valid QuietHours quietHours,
        @Valid Digest digest,

        @Size(max = 100, message = "must have at most 100 entries")
        List<@Valid @NotNull(message = "is required") WorkflowChannels> workflows) {

    private static final String TIME = "([01][0-9]|2[0-3]):[0-5][0-9]";

    public record QuietHours(
            @NotNull(message = "is required")
            @Size(max = 5, message = "must be a time such as 21:00")
            @Pattern(regexp = TIME, message = "must be a time such as 21:00")
            String start,

            @NotNull(message = "is required")
            @Size(max = 5, message = "must be a time such as 07:00")
            @Pattern(regexp = TIME, message = "must be a time such as 07:00")
            String end) {}

    public record Digest(
            @NotNull(message = "is required") Boolean enabled,

            @Size(max = 5, message = "must be a time such as 07:30")
            @Pattern(regexp = TIME, message = "must be a time such as 07:30")
            String at) {}

    public record WorkflowChannels(
            @NotNull(message = "is required") @Size(max = 64, message = "must be at most 64 characters")
            String workflow,

            @NotNull(message = "is required") @Size(max = 3, message = "must have at most 3 channels")
            Map<
                            @Size(max = 16, message = "must be email, sms or in_app") String,
                            @NotNull(message = "is required") Boolean>
                    channels) {}
}
