package io.comply360.tenant.keycloak;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A realm role as Keycloak's role-mapping calls want it: id and name. */
@JsonIgnoreProperties(ignoreUnknown = true)
@RegisterForReflection
public record RoleRef(String id, String name) {}
