package io.comply360.tenant.keycloak;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A Keycloak user as far as tenant-service reads and writes it. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
@RegisterForReflection
public record KeycloakUser(
        String id,
        String username,
        String email,
        String firstName,
        String lastName,
        Boolean enabled,
        Boolean emailVerified,
        Map<String, List<String>> attributes,
        List<String> requiredActions) {

    public static final String TENANT_ATTRIBUTE = "tenant_id";

    /** The tenant the user belongs to, or null (a platform admin, or someone else's account). */
    public String tenantId() {
        return attribute(TENANT_ATTRIBUTE);
    }

    /** The first value of an attribute (Keycloak keeps lists), or null. */
    public String attribute(String name) {
        List<String> values = attributes == null ? null : attributes.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
