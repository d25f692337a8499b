package io.comply360.tenant.rest;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The whole of a tenant's settings (PUT replaces them); {@code displayName} may be left out. */
public record SettingsRequest(
        @Size(min = 1, max = 100, message = "must be 1 to 100 characters")
        String displayName,
        @NotNull(message = "is required") @Pattern(regexp = "en|af", message = "must be en or af")
        String defaultLocale,
        @NotNull(message = "is required") @TimeZoneId
        String timeZone,
        @NotNull(message = "is required")
        @Pattern(regexp = "#[0-9A-Fa-f]{6}", message = "must be a colour like #1F4E79")
        String primaryColour) {
}
