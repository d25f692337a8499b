package io.comply360.tenant;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToIgnoreCase;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Keycloak's admin API for realm comply360 as tenant-service uses it, played by WireMock with a memory: a user
 * created with POST is found by its email afterwards, a client written with PUT is what the next GET returns.
 * Every test class of tenant-service runs against it (no Keycloak needed); e2e tests use the real one.
 */
public class KeycloakAdminStub implements QuarkusTestResourceLifecycleManager {

    public static final String REALM = "/admin/realms/comply360";
    public static final String PORTAL_CLIENT_ID = "3f6c4a52-0000-4000-8000-00000000c11e";

    public static WireMockServer server;

    @Override
    public synchronized Map<String, String> start() {
        if (server == null) {
            server = new WireMockServer(wireMockConfig()
                    .bindAddress("127.0.0.1")
                    .dynamicPort()
                    .templatingEnabled(true)
                    .extensions(new Memory()));
            server.start();
            reset();
        }
        return Map.of("quarkus.rest-client.keycloak-admin.url", server.baseUrl() + REALM);
    }

    @Override
    public void stop() {
        // Shared by every Quarkus restart of the test JVM.
    }

    /** An empty realm but for the portal client and the tenant_admin role. */
    public static void reset() {
        server.resetAll();
        Memory.forget();
        server.stubFor(
                get(urlPathEqualTo(REALM + "/users/count")).atPriority(10).willReturn(okJson("0")));
        server.stubFor(put(urlPathMatching(REALM + "/users/[^/]+"))
                .willReturn(aResponse().withStatus(204)));
        server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.delete(urlPathMatching(REALM + "/users/[^/]+"))
                .willReturn(aResponse().withStatus(204)));
        server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.delete(
                        urlPathMatching(REALM + "/users/[^/]+/role-mappings/realm"))
                .willReturn(aResponse().withStatus(204)));

        server.stubFor(get(urlPathEqualTo(REALM + "/users")).atPriority(10).willReturn(okJson("[]")));
        server.stubFor(post(urlPathEqualTo(REALM + "/users"))
                .willReturn(aResponse()
                        .withStatus(201)
                        .withTransformers("response-template")
                        .withHeader("Location", server.baseUrl() + REALM + "/users/{{randomValue type='UUID'}}")));
        server.stubFor(
                get(urlPathMatching(REALM + "/users/[^/]+/role-mappings/realm")).willReturn(okJson("[]")));
        server.stubFor(post(urlPathMatching(REALM + "/users/[^/]+/role-mappings/realm"))
                .willReturn(aResponse().withStatus(204)));
        server.stubFor(get(urlPathMatching(REALM + "/users/[^/]+/role-mappings/realm/available"))
                .willReturn(okJson("""
                [{"id":"role-tenant-admin","name":"tenant_admin","composite":false},
                 {"id":"role-agent","name":"agent","composite":false},
                 {"id":"role-agent_assistant","name":"agent_assistant","composite":false},
                 {"id":"role-platform-admin","name":"platform_admin","composite":false},
                 {"id":"role-service","name":"service","composite":false}]
                """)));
        server.stubFor(put(urlPathMatching(REALM + "/users/[^/]+/execute-actions-email"))
                .willReturn(aResponse().withStatus(204)));
        server.stubFor(put(urlPathMatching(REALM + "/clients/[^/]+"))
                .willReturn(aResponse().withStatus(204)));
        portalClient("""
                {"id":"%s","clientId":"comply360-gateway","enabled":true,"publicClient":false,
                 "redirectUris":["http://acme.localhost:8080/*"],"webOrigins":["http://acme.localhost:8080"],
                 "attributes":{"pkce.code.challenge.method":"S256","post.logout.redirect.uris":"http://acme.localhost:8080/*"},
                 "protocolMappers":[{"name":"tenant_id","protocol":"openid-connect"}]}
                """.formatted(PORTAL_CLIENT_ID));
    }

    /** An account that already exists for {@code email}, in {@code tenantId} (null: a platform account). */
    public static void existingUser(String id, String email, String tenantId) {
        String attributes = tenantId == null ? "{}" : "{\"tenant_id\":[\"" + tenantId + "\"]}";
        String user =
                "{\"id\":\"%s\",\"username\":\"%s\",\"email\":\"%s\",\"firstName\":\"Existing\",\"lastName\":\"User\",\"enabled\":true,\"attributes\":%s,\"createdTimestamp\":1764633600000}"
                        .formatted(id, email, email, attributes);
        server.stubFor(get(urlPathEqualTo(REALM + "/users"))
                .withQueryParam("email", equalToIgnoreCase(email))
                .atPriority(1)
                .willReturn(okJson("[" + user + "]")));
        server.stubFor(get(urlPathEqualTo(REALM + "/users/" + id)).willReturn(okJson(user)));
    }

    /** Keycloak does not answer lookups of {@code email} (down, as far as that saga can tell). */
    public static com.github.tomakehurst.wiremock.stubbing.StubMapping unavailableFor(String email) {
        return server.stubFor(get(urlPathEqualTo(REALM + "/users"))
                .withQueryParam("email", equalToIgnoreCase(email))
                .atPriority(1)
                .willReturn(aResponse().withStatus(503).withBody("Service Unavailable")));
    }

    /** The portal client as Keycloak holds it now. */
    public static com.fasterxml.jackson.databind.JsonNode portalClient() throws Exception {
        var response = java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                                        server.baseUrl() + REALM + "/clients?clientId=comply360-gateway"))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
        return new ObjectMapper().readTree(response.body()).get(0);
    }

    private static void portalClient(String json) {
        server.stubFor(get(urlPathEqualTo(REALM + "/clients"))
                .withQueryParam("clientId", equalTo("comply360-gateway"))
                .willReturn(okJson("[" + json + "]")));
    }

    /** Remembers what was written, as Keycloak would: users (by id, email and tenant) and their realm roles. */
    static final class Memory implements ServeEventListener {

        private static final ObjectMapper JSON = new ObjectMapper();
        private static final Map<String, ObjectNode> USERS = new java.util.concurrent.ConcurrentHashMap<>();
        private static final Map<String, Map<String, String>> ROLES = new java.util.concurrent.ConcurrentHashMap<>();

        static void forget() {
            USERS.clear();
            ROLES.clear();
        }

        @Override
        public String getName() {
            return "keycloak-memory";
        }

        @Override
        public boolean applyGlobally() {
            return true;
        }

        @Override
        public synchronized void afterMatch(ServeEvent event, Parameters parameters) {
            var request = event.getRequest();
            if (event.getResponseDefinition().getStatus() >= 300) {
                // A refused or failed call changes nothing, as in Keycloak.
                return;
            }
            String path = request.getUrl().split("\\?")[0];
            try {
                if (RequestMethod.PUT.equals(request.getMethod())
                        && path.equals(REALM + "/clients/" + PORTAL_CLIENT_ID)) {
                    portalClient(request.getBodyAsString());
                } else if (RequestMethod.PUT.equals(request.getMethod()) && path.matches(REALM + "/users/[^/]+")) {
                    remember((ObjectNode) JSON.readTree(request.getBodyAsString()));
                } else if (RequestMethod.DELETE.equals(request.getMethod()) && path.matches(REALM + "/users/[^/]+")) {
                    String id = path.substring(path.lastIndexOf('/') + 1);
                    ObjectNode gone = USERS.remove(id);
                    server.stubFor(get(urlPathEqualTo(REALM + "/users/" + id))
                            .willReturn(aResponse().withStatus(404)));
                    if (gone != null) {
                        server.stubFor(get(urlPathEqualTo(REALM + "/users"))
                                .withQueryParam(
                                        "email",
                                        equalToIgnoreCase(gone.path("email").asText()))
                                .atPriority(2)
                                .willReturn(okJson("[]")));
                    }
                } else if (path.matches(REALM + "/users/[^/]+/role-mappings/realm")
                        && !RequestMethod.GET.equals(request.getMethod())) {
                    String id = path.split("/")[5];
                    Map<String, String> held = ROLES.computeIfAbsent(id, k -> new java.util.TreeMap<>());
                    for (var role : JSON.readTree(request.getBodyAsString())) {
                        if (RequestMethod.POST.equals(request.getMethod())) {
                            held.put(role.path("name").asText(), role.path("id").asText());
                        } else {
                            held.remove(role.path("name").asText());
                        }
                    }
                    var mappings = JSON.createArrayNode();
                    held.forEach((name, roleId) ->
                            mappings.addObject().put("id", roleId).put("name", name));
                    server.stubFor(get(urlPathEqualTo(path)).willReturn(okJson(mappings.toString())));
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        /** A created user gets the id its Location header names (a UUID, as Keycloak gives). */
        @Override
        public synchronized void beforeResponseSent(ServeEvent event, Parameters parameters) {
            var request = event.getRequest();
            if (RequestMethod.POST.equals(request.getMethod())
                    && request.getUrl().split("\\?")[0].equals(REALM + "/users")
                    && event.getResponse() != null
                    && event.getResponse().getStatus() == 201) {
                try {
                    String location = event.getResponse()
                            .getHeaders()
                            .getHeader("Location")
                            .firstValue();
                    ObjectNode user = (ObjectNode) JSON.readTree(request.getBodyAsString());
                    user.put("id", location.substring(location.lastIndexOf('/') + 1));
                    remember(user);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        }

        private static void remember(ObjectNode user) {
            String id = user.path("id").asText();
            USERS.put(id, user);
            server.stubFor(get(urlPathEqualTo(REALM + "/users/" + id)).willReturn(okJson(user.toString())));
            server.stubFor(get(urlPathEqualTo(REALM + "/users"))
                    .withQueryParam(
                            "email", equalToIgnoreCase(user.path("email").asText()))
                    .atPriority(2)
                    .willReturn(okJson("[" + user + "]")));
            String tenant = user.path("attributes").path("tenant_id").path(0).asText(null);
            if (tenant != null) {
                var members = JSON.createArrayNode();
                USERS.values().stream()
                        .filter(u -> tenant.equals(
                                u.path("attributes").path("tenant_id").path(0).asText(null)))
                        .sorted(java.util.Comparator.comparing(u -> u.path("id").asText()))
                        .forEach(members::add);
                server.stubFor(get(urlPathEqualTo(REALM + "/users"))
                        .withQueryParam("q", equalTo("tenant_id:" + tenant))
                        .atPriority(2)
                        .willReturn(okJson(members.toString())));
                server.stubFor(get(urlPathEqualTo(REALM + "/users/count"))
                        .withQueryParam("q", equalTo("tenant_id:" + tenant))
                        .willReturn(okJson(Integer.toString(members.size()))));
            }
        }
    }
}
