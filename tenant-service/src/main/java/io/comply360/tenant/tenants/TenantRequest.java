package io.comply360.tenant.tenants;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.comply360.tenant.keycloak.PersonNames;

/** A new tenant, as a platform admin enters it, with the person who will run it. */
public record TenantRequest(
        @NotNull(message = "is required")
        @Size(max = 63, message = "must be at most 63 characters")
        @Pattern(
                regexp = "[a-z0-9][a-z0-9-]{1,61}[a-z0-9]",
                message = "must be 3 to 63 lowercase letters, digits or hyphens, not starting or ending with a hyphen")
        String slug,

        @NotBlank(message = "is required") @Size(max = 200, message = "must be at most 200 characters")
        String legalName,

        @NotEmpty(message = "must name at least one country")
        @Size(max = 10, message = "must name at most 10 countries")
        List<
                        @NotNull(message = "is required") @Size(max = 2, message = "must be ZA or ZW")
                        @Pattern(regexp = "ZA|ZW", message = "must be ZA or ZW, the countries Comply360 files in")
                        String>
                countries,

        @NotNull(message = "is required") Tier tier,
        @Valid @NotNull(message = "is required") FirstAdmin admin) {

    /** The tenant's first tenant admin: invited by mail to set a password once provisioning runs. */
    public record FirstAdmin(
            @NotBlank(message = "is required")
            @Email(message = "must be an email address")
            @Size(max = 254, message = "must be at most 254 characters")
            String email,

            @NotBlank(message = "is required")
            @Size(max = 100, message = "must be at most 100 characters")
            @Pattern(regexp = PersonNames.ALLOWED, message = PersonNames.MESSAGE)
            String firstName,

            @NotBlank(message = "is required")
            @Size(max = 100, message = "must be at most 100 characters")
            @Pattern(regexp = PersonNames.ALLOWED, message = PersonNames.MESSAGE)
            String lastName) {}
}
