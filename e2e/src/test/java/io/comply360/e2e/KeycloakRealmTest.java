package io.comply360.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;

/** The realm as code (dev/keycloak/comply360-realm.json) on the running Keycloak. */
class KeycloakRealmTest {

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        if (array.isTextual()) {
            values.add(array.asText());
        }
        array.forEach(node -> values.add(node.asText()));
        return values;
    }

    @ParameterizedTest(name = "{0} is {1} of tenant {2}")
    @CsvSource({
        "platform@comply360.test, platform_admin, ",
        "admin@acme.test, tenant_admin, " + LocalStack.ACME,
        "agent@acme.test, agent, " + LocalStack.ACME,
        "assistant@acme.test, agent_assistant, " + LocalStack.ACME,
        "admin@globex.test, tenant_admin, " + LocalStack.GLOBEX,
        "agent@globex.test, agent, " + LocalStack.GLOBEX
    })
    void everyDemoUserGetsATokenWithTheirTenantRoleAndTheApiAudience(String user, String role, String tenant)
            throws Exception {
        JsonNode claims = LocalStack.claims(LocalStack.userToken(user));
        assertThat(claims.path("iss").asText()).isEqualTo(LocalStack.REALM);
        assertThat(texts(claims.path("aud"))).contains("comply360-api");
        List<String> roles = texts(claims.path("realm_access").path("roles"));
        assertThat(roles)
                .contains(role)
                .doesNotContainAnyElementsOf(
                        List.of("platform_admin", "tenant_admin", "agent", "agent_assistant", "service").stream()
                                .filter(r -> !r.equals(role))
                                .toList());
        if (tenant == null) {
            assertThat(claims.has("tenant_id"))
                    .as("platform admins carry no tenant")
                    .isFalse();
        } else {
            assertThat(claims.path("tenant_id").asText()).isEqualTo(tenant);
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "gateway-service",
                "tenant-service",
                "registration-service",
                "document-service",
                "commission-service",
                "notification-service"
            })
    void everyServiceHasAServiceAccountWithRoleServiceAndNoTenant(String client) throws Exception {
        var response = LocalStack.token(Map.of(
                "grant_type", "client_credentials", "client_id", client, "client_secret", client + "-dev-secret"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode claims = LocalStack.claims(
                LocalStack.json(response.body()).path("access_token").asText());
        assertThat(texts(claims.path("realm_access").path("roles"))).contains("service");
        assertThat(texts(claims.path("aud"))).contains("comply360-api");
        assertThat(claims.path("azp").asText()).isEqualTo(client);
        assertThat(claims.has("tenant_id")).isFalse();
    }

    @Test
    void aUserCannotChangeTheirOwnTenant() throws Exception {
        String token = LocalStack.userToken("agent@acme.test");
        HttpRequest.Builder account = HttpRequest.newBuilder(URI.create(LocalStack.REALM + "/account/"))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json");

        JsonNode profile =
                LocalStack.json(LocalStack.send(account.GET().build()).body());
        assertThat(profile.path("username").asText()).isEqualTo("agent@acme.test");
        assertThat(profile.path("attributes").has("tenant_id"))
                .as("tenant_id is not shown to its user")
                .isFalse();

        var attempt = LocalStack.send(account.header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"username":"agent@acme.test","email":"agent@acme.test","firstName":"Andile","lastName":"Acme",
                         "attributes":{"tenant_id":["%s"]}}""".formatted(LocalStack.GLOBEX)))
                .build());
        assertThat(attempt.statusCode()).isEqualTo(400);
        assertThat(attempt.body()).contains("error-user-attribute-read-only");
        assertThat(LocalStack.claims(LocalStack.userToken("agent@acme.test"))
                        .path("tenant_id")
                        .asText())
                .isEqualTo(LocalStack.ACME);
    }

    @Test
    void aUserCannotChangeTheirOwnEmailToSquatAnAddress() throws Exception {
        String token = LocalStack.userToken("assistant@acme.test");
        HttpRequest.Builder account = HttpRequest.newBuilder(URI.create(LocalStack.REALM + "/account/"))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json");
        String squatted = "squatted-" + System.nanoTime() + "@example.test";
        var attempt = LocalStack.send(account.header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"username":"assistant@acme.test","email":"%s","firstName":"Anri","lastName":"Acme"}""".formatted(squatted)))
                .build());
        assertThat(attempt.statusCode()).as(attempt.body()).isEqualTo(400);
        assertThat(attempt.body()).contains("error-user-attribute-read-only");
        JsonNode profile =
                LocalStack.json(LocalStack.send(HttpRequest.newBuilder(URI.create(LocalStack.REALM + "/account/"))
                                .header("Authorization", "Bearer " + token)
                                .header("Accept", "application/json")
                                .GET()
                                .build())
                        .body());
        assertThat(profile.path("email").asText()).isEqualTo("assistant@acme.test");
        // An admin may still correct an address.
        String admin = LocalStack.adminToken();
        var found = LocalStack.send(HttpRequest.newBuilder(
                        URI.create(LocalStack.KEYCLOAK + "/admin/realms/comply360/users?exact=true&email=" + squatted))
                .header("Authorization", "Bearer " + admin)
                .GET()
                .build());
        assertThat(LocalStack.json(found.body()).size())
                .as("the address stays free")
                .isZero();
    }

    @Test
    void repeatedWrongPasswordsLockTheAccount() throws Exception {
        String admin = LocalStack.adminToken();
        String users = LocalStack.KEYCLOAK + "/admin/realms/comply360/users";
        String username = "lockout-" + System.nanoTime() + "@example.test";
        var created = LocalStack.send(HttpRequest.newBuilder(URI.create(users))
                .header("Authorization", "Bearer " + admin)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"username":"%1$s","email":"%1$s","firstName":"Lock","lastName":"Out","enabled":true,
                         "emailVerified":true,"credentials":[{"type":"password","value":"right-password","temporary":false}]}
                        """.formatted(username)))
                .build());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String location = created.headers().firstValue("Location").orElseThrow();
        try {
            for (int i = 0; i < 6; i++) {
                LocalStack.token(Map.of(
                        "grant_type",
                        "password",
                        "client_id",
                        "comply360-cli",
                        "username",
                        username,
                        "password",
                        "wrong-" + i));
            }
            var right = LocalStack.token(Map.of(
                    "grant_type",
                    "password",
                    "client_id",
                    "comply360-cli",
                    "username",
                    username,
                    "password",
                    "right-password"));
            assertThat(right.statusCode())
                    .as("the right password is refused while locked")
                    .isNotEqualTo(200);
            String userId = location.substring(location.lastIndexOf('/') + 1);
            JsonNode status = LocalStack.json(LocalStack.send(HttpRequest.newBuilder(URI.create(LocalStack.KEYCLOAK
                                    + "/admin/realms/comply360/attack-detection/brute-force/users/" + userId))
                            .header("Authorization", "Bearer " + admin)
                            .GET()
                            .build())
                    .body());
            assertThat(status.path("disabled").asBoolean()).isTrue();
            assertThat(status.path("numFailures").asInt()).isPositive();
        } finally {
            LocalStack.send(HttpRequest.newBuilder(URI.create(location))
                    .header("Authorization", "Bearer " + admin)
                    .DELETE()
                    .build());
        }
    }
}
