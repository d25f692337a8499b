package io.comply360.platform.tenancy;

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
}
