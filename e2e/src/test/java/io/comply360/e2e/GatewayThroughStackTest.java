package io.comply360.e2e;

import static io.comply360.platform.testkit.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.comply360.e2e.TenantDatabase.StoredSettings;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * The gateway issue's acceptance against real services: tokens from the running Keycloak, the built gateway in
 * front of the built tenant-service. Java does not resolve {@code *.localhost}, so requests go to 127.0.0.1 with
 * the tenant's {@code Host} header, as a browser on {@code http://acme.localhost:8080} sends it.
 */
class GatewayThroughStackTest {

    private static final String ACME_HOST = "acme.localhost:8080";
    private static final String GLOBEX_HOST = "globex.localhost:8080";

    @RegisterExtension
    static final RunningServices services = new RunningServices();

    private static RequestSpecification at(String host, String token) {
        return services.at(host, token);
    }

    @Test
    void anAcmeAgentOnAcmesHostGetsAcmesSettingsFromTenantService() throws Exception {
        String requestId = "e2e-settings-" + System.nanoTime();
        Response response = at(ACME_HOST, LocalStack.userToken("agent@acme.test"))
                .header("X-Request-Id", requestId)
                .get("/api/v1/settings");

        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/json");
        assertThat(response.header("X-Request-Id")).isEqualTo(requestId);
        StoredSettings stored = TenantDatabase.settingsOf(LocalStack.ACME).orElse(new StoredSettings(0, null));
        assertThat(response.jsonPath().getLong("version"))
                .as("acme's settings version")
                .isEqualTo(stored.version());
        assertThat(response.header("ETag")).isEqualTo("\"" + stored.version() + "\"");
        assertThat(response.jsonPath().getString("displayName")).isEqualTo(stored.displayName());
        assertThat(response.jsonPath().getString("defaultLocale")).isIn("en", "af");
        assertThat(response.jsonPath().getString("primaryColour")).matches("#[0-9A-F]{6}");
    }

    @Test
    void aGlobexAgentIsForbiddenOnAcmesHostButServedOnItsOwn() throws Exception {
        String globexAgent = LocalStack.userToken("agent@globex.test");

        assertProblem(at(ACME_HOST, globexAgent).get("/api/v1/settings"), 403);

        Response own = at(GLOBEX_HOST, globexAgent).get("/api/v1/settings");
        assertThat(own.statusCode()).as(own.asString()).isEqualTo(200);
        assertThat(own.header("ETag")).isNotBlank();
    }

    @Test
    void withoutATokenTheAnswerIs401() {
        Response response = at(ACME_HOST, null).get("/api/v1/settings");

        assertProblem(response, 401);
        assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
    }

    @Test
    void aGlobexTokenRewrittenToClaimAcmeFailsKeycloaksSignatureAnd401s() throws Exception {
        String[] jwt = LocalStack.userToken("agent@globex.test").split("\\.");
        ObjectNode claims = (ObjectNode) LocalStack.claims(String.join(".", jwt));
        claims.put("tenant_id", LocalStack.ACME);
        String forged = jwt[0] + "."
                + Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8))
                + "." + jwt[2];

        Response response = at(ACME_HOST, forged).get("/api/v1/settings");

        assertProblem(response, 401);
        assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
    }

    @Test
    void aDeactivatedPersonsTokenIsRefusedAtOnceNotWhenItExpires() throws Exception {
        String agentToken = LocalStack.userToken("agent@globex.test");
        assertThat(at(GLOBEX_HOST, agentToken).get("/api/v1/settings").statusCode())
                .isEqualTo(200);
        String admin = LocalStack.userToken("admin@globex.test");
        String agentId = LocalStack.claims(agentToken).path("sub").asText();
        Response deactivated = at(GLOBEX_HOST, admin).post("/api/v1/users/" + agentId + "/deactivate");
        assertThat(deactivated.statusCode()).as(deactivated.asString()).isEqualTo(200);
        try {
            // tenant-service's outbox → RabbitMQ → the gateway's consumer → Redis → every replica refuses it.
            await().atMost(Duration.ofSeconds(15))
                    .pollInterval(Duration.ofMillis(200))
                    .untilAsserted(
                            () -> assertProblem(at(GLOBEX_HOST, agentToken).get("/api/v1/settings"), 401));
        } finally {
            Response reactivated = at(GLOBEX_HOST, admin).post("/api/v1/users/" + agentId + "/reactivate");
            assertThat(reactivated.statusCode()).as(reactivated.asString()).isEqualTo(200);
        }
        // Signed in again after the reactivation (a second later than the deactivation), the person is served.
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> at(GLOBEX_HOST, LocalStack.userToken("agent@globex.test"))
                                .get("/api/v1/settings")
                                .statusCode()
                        == 200);
        assertProblem(at(GLOBEX_HOST, agentToken).get("/api/v1/settings"), 401);
    }
}
