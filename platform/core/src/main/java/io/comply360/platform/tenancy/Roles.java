package io.comply360.platform.tenancy;

import io.quarkus.security.identity.SecurityIdentity;

/** The realm roles (docs/architecture.md → Identity and roles); {@code docs/roles.md} says which may do what. */
public final class Roles {

    public static final String PLATFORM_ADMIN = "platform_admin";
    public static final String TENANT_ADMIN = "tenant_admin";
    public static final String AGENT = "agent";
    public static final String AGENT_ASSISTANT = "agent_assistant";
    public static final String SERVICE = "service";

    /** Every role of the product (Keycloak adds technical ones such as {@code offline_access}). */
    public static final java.util.Set<String> ALL =
            java.util.Set.of(PLATFORM_ADMIN, TENANT_ADMIN, AGENT, AGENT_ASSISTANT, SERVICE);

    private Roles() {}

    /**
     * The strongest of the caller's agency roles ({@code tenant_admin}, then {@code agent}, else {@code
     * agent_assistant}): what the audit trail records as the actor's role and what decides whose data they see.
     */
    public static String strongestAgencyRole(SecurityIdentity identity) {
        if (identity.hasRole(TENANT_ADMIN)) {
            return TENANT_ADMIN;
        }
        return identity.hasRole(AGENT) ? AGENT : AGENT_ASSISTANT;
    }
}
