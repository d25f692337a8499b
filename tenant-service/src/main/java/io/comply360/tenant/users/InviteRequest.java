package io.comply360.tenant.users;

import java.util.List;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.comply360.tenant.keycloak.PersonNames;

/** A person a tenant admin invites into the agency, with the roles they will have. */
public record InviteRequest(
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
        String lastName,

        @NotEmpty(message = "must name at least one role")
        @Size(max = 3, message = "must name at most the 3 agency roles")
        List<
                        @NotNull(message = "is required") @Size(max = 15, message = RoleChange.TENANT_ROLE_MESSAGE)
                        @Pattern(regexp = RoleChange.TENANT_ROLE, message = RoleChange.TENANT_ROLE_MESSAGE) String>
                roles) {}
