package io.comply360.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Keycloak's admin API on realm {@code comply360}, as the master realm's bootstrap admin: what the tests read
 * to see what tenant-service did in Keycloak, and what they use to clean up after themselves. The admin token
 * lives 60 s, so take a new instance for each piece of work.
 */
final class KeycloakAdmin {

    /** The portal's client, on which provisioning registers each tenant's addresses. */
    static final String GATEWAY_CLIENT = "comply360-gateway";

    static final String POST_LOGOUT_URIS = "post.logout.redirect.uris";

    private static final String API = LocalStack.KEYCLOAK + "/admin/realms/comply360";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String token;

    private KeycloakAdmin(String token) {
        this.token = token;
    }

    static KeycloakAdmin signIn() throws IOException, InterruptedException {
        return new KeycloakAdmin(LocalStack.adminToken());
    }

    /** The users whose email is exactly this one (Keycloak keeps emails unique, so zero or one). */
    List<JsonNode> usersWithEmail(String email) throws IOException, InterruptedException {
        return list(get("/users?exact=true&email=" + encode(email)));
    }

    /** The users whose {@code tenant_id} attribute names this tenant. */
    List<JsonNode> usersOfTenant(String tenantId) throws IOException, InterruptedException {
        return list(get("/users?max=1000&q=" + encode("tenant_id:" + tenantId)));
    }

    /** Users whose username, email, first or last name starts with the text (Keycloak searches by prefix). */
    List<JsonNode> usersStartingWith(String text) throws IOException, InterruptedException {
        return list(get("/users?max=1000&search=" + encode(text)));
    }

    JsonNode user(String id) throws IOException, InterruptedException {
        return get("/users/" + id);
    }

    /** The user's credentials as the admin API shows them (type, id, creation time; never the secret). */
    JsonNode credentials(String id) throws IOException, InterruptedException {
        return get("/users/" + id + "/credentials");
    }

    /** The realm roles mapped to the user directly. */
    List<String> realmRoles(String id) throws IOException, InterruptedException {
        List<String> names = new ArrayList<>();
        get("/users/" + id + "/role-mappings/realm")
                .forEach(role -> names.add(role.path("name").asText()));
        return names;
    }

    void deleteUser(String id) throws IOException, InterruptedException {
        HttpResponse<String> response =
                LocalStack.send(request("/users/" + id).DELETE().build());
        if (response.statusCode() != 204 && response.statusCode() != 404) {
            throw new IllegalStateException(
                    "Deleting Keycloak user " + id + ": " + response.statusCode() + " " + response.body());
        }
    }

    /** The whole representation of the portal's client (a PUT must send it back whole). */
    ObjectNode gatewayClient() throws IOException, InterruptedException {
        List<JsonNode> clients = list(get("/clients?clientId=" + GATEWAY_CLIENT));
        if (clients.size() != 1) {
            throw new IllegalStateException("Keycloak has " + clients.size() + " clients " + GATEWAY_CLIENT);
        }
        return (ObjectNode) clients.get(0);
    }

    void updateClient(ObjectNode client) throws IOException, InterruptedException {
        HttpResponse<String> response =
                LocalStack.send(request("/clients/" + client.path("id").asText())
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(client)))
                        .build());
        if (response.statusCode() != 204) {
            throw new IllegalStateException("Updating client "
                    + client.path("clientId").asText() + ": " + response.statusCode() + " " + response.body());
        }
    }

    /** The post-logout redirect URIs of a client (Keycloak keeps them in one attribute, separated by ##). */
    static List<String> postLogoutUris(JsonNode client) {
        List<String> uris = new ArrayList<>();
        for (String uri :
                client.path("attributes").path(POST_LOGOUT_URIS).asText("").split("##")) {
            if (!uri.isBlank()) {
                uris.add(uri);
            }
        }
        return uris;
    }

    static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(node.asText()));
        return values;
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = LocalStack.send(request(path).GET().build());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + ": " + response.statusCode() + " " + response.body());
        }
        return LocalStack.json(response.body());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(API + path)).header("Authorization", "Bearer " + token);
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
