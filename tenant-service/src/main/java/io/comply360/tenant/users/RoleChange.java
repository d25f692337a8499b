package io.comply360.tenant.users;

import java.util.List;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The roles a person of the agency should have from now on (replacing their current ones). */
public record RoleChange(
        @NotEmpty(message = "must name at least one role")
        @Size(max = 3, message = "must name at most the 3 agency roles")
        List<
                        @NotNull(message = "is required") @Size(max = 15, message = TENANT_ROLE_MESSAGE)
                        @Pattern(regexp = TENANT_ROLE, message = TENANT_ROLE_MESSAGE) String>
                roles) {

    static final String TENANT_ROLE = "tenant_admin|agent|agent_assistant";
    static final String TENANT_ROLE_MESSAGE = "must be tenant_admin, agent or agent_assistant";
}
