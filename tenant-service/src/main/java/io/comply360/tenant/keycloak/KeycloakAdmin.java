package io.comply360.tenant.keycloak;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.faulttolerance.api.AsynchronousNonBlocking;
import io.smallrye.mutiny.Uni;

/**
 * Keycloak's admin API as tenant-service calls it: every call bounded by a timeout and behind a circuit breaker (per
 * method), so that a Keycloak that is down or slow answers at once with a failure (a 503 problem for the caller)
 * instead of holding requests and leases. Reads are retried a little; writes never are: a write whose answer was lost
 * may have happened, and the provisioning saga and the people-change journal resume them knowingly. A 4xx
 * ({@link KeycloakRefused}) is Keycloak's answer, neither retried nor counted against it.
 *
 * <p>The calls are non-blocking (Mutiny), so no worker thread waits and no database connection is held: callers call
 * outside any transaction. Values are configurable, e.g. {@code io.comply360.tenant.keycloak.KeycloakAdmin/Timeout/value}
 * (see application.properties).
 */
@ApplicationScoped
@AsynchronousNonBlocking
// A ceiling above the REST client's own read timeout (10 s), which decides first: a write that Keycloak is still
// finishing (the set-password mail is sent before it answers) is not given up on any sooner than before.
@Timeout(12000)
@CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 10000, skipOn = KeycloakRefused.class)
public class KeycloakAdmin {

    private final KeycloakAdminApi api;

    public KeycloakAdmin(@RestClient KeycloakAdminApi api) {
        this.api = api;
    }

    @Retry(maxRetries = 2, delay = 200, jitter = 100, abortOn = KeycloakRefused.class)
    public Uni<List<KeycloakUser>> usersByEmail(String email, boolean exact) {
        return api.usersByEmail(email, exact);
    }

    @Retry(maxRetries = 2, delay = 200, jitter = 100, abortOn = KeycloakRefused.class)
    public Uni<List<KeycloakUser>> usersByQuery(String q, int first, int max, boolean brief) {
        return api.usersByQuery(q, first, max, brief);
    }

    @Retry(maxRetries = 2, delay = 200, jitter = 100, abortOn = KeycloakRefused.class)
    public Uni<Long> countUsers(String q) {
        return api.countUsers(q);
    }

    @Retry(maxRetries = 2, delay = 200, jitter = 100, abortOn = KeycloakRefused.class)
    public Uni<ObjectNode> user(String userId) {
        return api.user(userId);
    }

    public Uni<Response> updateUser(String userId, ObjectNode user) {
        return api.updateUser(userId, user);
    }

    public Uni<Response> deleteUser(String userId) {
        return api.deleteUser(userId);
    }

    public Uni<Response> createUser(KeycloakUser user) {
        return api.createUser(user);
    }

    @Retry(maxRetries = 2, delay = 200, jitter = 100, abortOn = KeycloakRefused.class)
    public Uni<List<RoleRef>> assignableRealmRoles(String userId) {
        return api.assignableRealmRoles(userId);
    }

    @Retry(maxRetries = 2, delay = 200, jitter = 100, abortOn = KeycloakRefused.class)
    public Uni<List<RoleRef>> realmRolesOf(String userId) {
        return api.realmRolesOf(userId);
    }

    public Uni<Response> addRealmRoles(String userId, List<RoleRef> roles) {
        return api.addRealmRoles(userId, roles);
    }

    public Uni<Response> removeRealmRoles(String userId, List<RoleRef> roles) {
        return api.removeRealmRoles(userId, roles);
    }

    public Uni<Response> executeActionsEmail(
            String userId, String clientId, String redirectUri, long lifespanSeconds, List<String> actions) {
        return api.executeActionsEmail(userId, clientId, redirectUri, lifespanSeconds, actions);
    }

    @Retry(maxRetries = 2, delay = 200, jitter = 100, abortOn = KeycloakRefused.class)
    public Uni<List<ObjectNode>> clientsByClientId(String clientId) {
        return api.clientsByClientId(clientId);
    }

    public Uni<Response> updateClient(String id, ObjectNode client) {
        return api.updateClient(id, client);
    }
}
