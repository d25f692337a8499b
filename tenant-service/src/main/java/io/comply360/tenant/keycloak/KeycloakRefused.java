package io.comply360.tenant.keycloak;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

/**
 * Keycloak answered with a 4xx: an answer about the request (not found, exists, refused), not a sign that Keycloak is
 * failing. It is never retried and never counts towards opening the circuit breaker.
 */
public class KeycloakRefused extends WebApplicationException {

    public KeycloakRefused(Response response) {
        super("Keycloak answered " + response.getStatus(), response);
    }
}
