package io.comply360.tenant.users;

import java.util.List;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** The roles a person of the agency should have from now on (replacing their current ones). */
public record RoleChange(
        @NotEmpty(message = "must name at least one role")
        List<@NotNull(message = "is required") @Pattern(regexp = TENANT_ROLE, message = TENANT_ROLE_MESSAGE) String> roles) {

    static final String TENANT_ROLE = "tenant_admin|agent|agent_assistant";
    static final String TENANT_ROLE_MESSAGE = "must be tenant_admin, agent or agent_assistant";
}
