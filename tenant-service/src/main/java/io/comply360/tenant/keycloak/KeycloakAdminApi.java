package io.comply360.tenant.keycloak;

import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;

/**
 * The part of Keycloak's admin REST API (realm {@code comply360}) that tenant-service uses, called with its own
 * service account (realm-management roles manage-users, manage-clients). Non-blocking. Call it only through
 * {@link KeycloakAdmin}, which adds the timeouts, retries and circuit breaker.
 */
@RegisterRestClient(configKey = "keycloak-admin")
@OidcClientFilter
@Consumes(MediaType.APPLICATION_JSON)
public interface KeycloakAdminApi {

    /** A 4xx is Keycloak's answer about the request, a 5xx its failure: they must be told apart by type. */
    @ClientExceptionMapper
    static WebApplicationException failure(Response response) {
        // 408 and 429 say Keycloak is too busy, not that the request is wrong: they count against it like a 5xx.
        int status = response.getStatus();
        return status < 500 && status != 408 && status != 429
                ? new KeycloakRefused(response)
                : new WebApplicationException(response);
    }

    @GET
    @Path("/users")
    Uni<List<KeycloakUser>> usersByEmail(@QueryParam("email") String email, @QueryParam("exact") boolean exact);

    /** Users whose attributes match {@code q} ({@code tenant_id:<uuid>}), a page of them. */
    @GET
    @Path("/users")
    Uni<List<KeycloakUser>> usersByQuery(
            @QueryParam("q") String q,
            @QueryParam("first") int first,
            @QueryParam("max") int max,
            @QueryParam("briefRepresentation") boolean brief);

    @GET
    @Path("/users/count")
    Uni<Long> countUsers(@QueryParam("q") String q);

    /** A user as Keycloak represents it, kept whole: PUT replaces the user, so it must send back every field. */
    @GET
    @Path("/users/{id}")
    Uni<ObjectNode> user(@PathParam("id") String userId);

    @PUT
    @Path("/users/{id}")
    Uni<Response> updateUser(@PathParam("id") String userId, ObjectNode user);

    @DELETE
    @Path("/users/{id}")
    Uni<Response> deleteUser(@PathParam("id") String userId);

    /** 201 with the new user's URL in {@code Location}; 409 when the username or email exists. */
    @POST
    @Path("/users")
    Uni<Response> createUser(KeycloakUser user);

    /**
     * The realm roles that can still be given to the user (needs only manage-users, unlike reading roles by
     * name, which needs view-realm).
     */
    @GET
    @Path("/users/{id}/role-mappings/realm/available")
    Uni<List<RoleRef>> assignableRealmRoles(@PathParam("id") String userId);

    @GET
    @Path("/users/{id}/role-mappings/realm")
    Uni<List<RoleRef>> realmRolesOf(@PathParam("id") String userId);

    @POST
    @Path("/users/{id}/role-mappings/realm")
    Uni<Response> addRealmRoles(@PathParam("id") String userId, List<RoleRef> roles);

    @DELETE
    @Path("/users/{id}/role-mappings/realm")
    Uni<Response> removeRealmRoles(@PathParam("id") String userId, List<RoleRef> roles);

    /** Mails the user a link to perform {@code actions} (e.g. set a password), valid for {@code lifespan} s. */
    @PUT
    @Path("/users/{id}/execute-actions-email")
    Uni<Response> executeActionsEmail(
            @PathParam("id") String userId,
            @QueryParam("client_id") String clientId,
            @QueryParam("redirect_uri") String redirectUri,
            @QueryParam("lifespan") long lifespanSeconds,
            List<String> actions);

    /** Clients as Keycloak represents them, kept whole: an update must send back every field it got. */
    @GET
    @Path("/clients")
    Uni<List<ObjectNode>> clientsByClientId(@QueryParam("clientId") String clientId);

    @PUT
    @Path("/clients/{id}")
    Uni<Response> updateClient(@PathParam("id") String id, ObjectNode client);
}
