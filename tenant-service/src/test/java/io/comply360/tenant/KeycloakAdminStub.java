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

    static final String REALM = "/admin/realms/comply360";
    static final String PORTAL_CLIENT_ID = "3f6c4a52-0000-4000-8000-00000000c11e";

    static WireMockServer server;

    @Override
    public synchronized Map<String, String> start() {
        if (server == null) {
            server = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort()
                    .templatingEnabled(true).extensions(new Memory()));
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
    static void reset() {
        server.resetAll();
        server.stubFor(get(urlPathEqualTo(REALM + "/users")).atPriority(10).willReturn(okJson("[]")));
        server.stubFor(post(urlPathEqualTo(REALM + "/users")).willReturn(aResponse().withStatus(201)
                .withTransformers("response-template")
                .withHeader("Location", server.baseUrl() + REALM + "/users/{{jsonPath request.body '$.email'}}")));
        server.stubFor(get(urlPathMatching(REALM + "/users/[^/]+/role-mappings/realm")).willReturn(okJson("[]")));
        server.stubFor(post(urlPathMatching(REALM + "/users/[^/]+/role-mappings/realm")).willReturn(aResponse().withStatus(204)));
        server.stubFor(get(urlPathEqualTo(REALM + "/roles/tenant_admin"))
                .willReturn(okJson("{\"id\":\"role-tenant-admin\",\"name\":\"tenant_admin\",\"composite\":false}")));
        server.stubFor(put(urlPathMatching(REALM + "/users/[^/]+/execute-actions-email")).willReturn(aResponse().withStatus(204)));
        server.stubFor(put(urlPathMatching(REALM + "/clients/[^/]+")).willReturn(aResponse().withStatus(204)));
        portalClient("""
                {"id":"%s","clientId":"comply360-gateway","enabled":true,"publicClient":false,
                 "redirectUris":["http://acme.localhost:8080/*"],"webOrigins":["http://acme.localhost:8080"],
                 "attributes":{"pkce.code.challenge.method":"S256","post.logout.redirect.uris":"http://acme.localhost:8080/*"},
                 "protocolMappers":[{"name":"tenant_id","protocol":"openid-connect"}]}
                """.formatted(PORTAL_CLIENT_ID));
    }

    /** An account that already exists for {@code email}, in {@code tenantId} (null: a platform account). */
    static void existingUser(String id, String email, String tenantId) {
        String attributes = tenantId == null ? "{}" : "{\"tenant_id\":[\"" + tenantId + "\"]}";
        server.stubFor(get(urlPathEqualTo(REALM + "/users")).withQueryParam("email", equalToIgnoreCase(email)).atPriority(1)
                .willReturn(okJson("[{\"id\":\"%s\",\"username\":\"%s\",\"email\":\"%s\",\"firstName\":\"Existing\",\"lastName\":\"User\",\"enabled\":true,\"attributes\":%s,\"createdTimestamp\":1764633600000}]"
                        .formatted(id, email, email, attributes))));
    }

    /** Keycloak does not answer lookups of {@code email} (down, as far as that saga can tell). */
    static com.github.tomakehurst.wiremock.stubbing.StubMapping unavailableFor(String email) {
        return server.stubFor(get(urlPathEqualTo(REALM + "/users")).withQueryParam("email", equalToIgnoreCase(email)).atPriority(1)
                .willReturn(aResponse().withStatus(503).withBody("Service Unavailable")));
    }

    private static void portalClient(String json) {
        server.stubFor(get(urlPathEqualTo(REALM + "/clients")).withQueryParam("clientId", equalTo("comply360-gateway"))
                .willReturn(okJson("[" + json + "]")));
    }

    /** Remembers what was written, as Keycloak would. */
    static final class Memory implements ServeEventListener {

        private static final ObjectMapper JSON = new ObjectMapper();

        @Override
        public String getName() {
            return "keycloak-memory";
        }

        @Override
        public boolean applyGlobally() {
            return true;
        }

        @Override
        public void afterMatch(ServeEvent event, Parameters parameters) {
            var request = event.getRequest();
            String path = request.getUrl().split("\\?")[0];
            try {
                if (RequestMethod.PUT.equals(request.getMethod()) && path.equals(REALM + "/clients/" + PORTAL_CLIENT_ID)) {
                    portalClient(request.getBodyAsString());
                } else if (RequestMethod.POST.equals(request.getMethod()) && path.equals(REALM + "/users")) {
                    ObjectNode user = (ObjectNode) JSON.readTree(request.getBodyAsString());
                    String email = user.path("email").asText();
                    user.put("id", email);
                    server.stubFor(get(urlPathEqualTo(REALM + "/users")).withQueryParam("email", equalToIgnoreCase(email))
                            .atPriority(2).willReturn(okJson("[" + user + "]")));
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
