package io.comply360.gateway;

import static io.comply360.platform.testkit.ProblemAssertions.assertProblem;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.comply360.gateway.revocation.TokenRevocations;
import io.comply360.gateway.revocation.UserDeactivations;
import io.comply360.platform.broker.CloudEvent;
import io.comply360.platform.broker.PermanentEventException;
import io.comply360.platform.testkit.EventSchemas;
import io.comply360.platform.testkit.TestTokens;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;

/** A deactivated person's access tokens stop working at once, on every replica, not when they expire. */
@QuarkusTest
class TokenRevocationTest {

    private static final String ACME_HOST = "acme.localhost:8080";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    UserDeactivations deactivations;

    @Inject
    Vertx vertx;

    @BeforeEach
    void upstreamAnswers() {
        Upstreams.reset();
    }

    private static String token(String user, Instant issuedAt) {
        return TestTokens.builder()
                .roles("agent")
                .tenant(UUID.fromString(Upstreams.ACME))
                .subject(user)
                .issuedAt(issuedAt)
                .build();
    }

    /** {@code tenant.user_deactivated} as tenant-service writes it, delivered to the gateway's handler. */
    private void deliverDeactivation(String user, Instant at) {
        ObjectNode data = JSON.createObjectNode()
                .put("tenantId", Upstreams.ACME)
                .put("userId", user)
                .put("enabled", false)
                .put("changedBy", "admin")
                .put("changedAt", at.toString());
        data.putArray("roles").add("agent");
        CloudEvent event = new CloudEvent(
                "1.0",
                UUID.randomUUID().toString(),
                "tenant.user_deactivated",
                "/comply360/tenant-service",
                at.toString(),
                user,
                "tenant.user_deactivated/v1",
                "application/json",
                Upstreams.ACME,
                UUID.randomUUID().toString(),
                data);
        EventSchemas.assertValid(JSON.valueToTree(event));
        deactivations.handle(event).await().atMost(Duration.ofSeconds(5));
    }

    @Test
    void tokensIssuedBeforeTheDeactivationAreRefusedAndLaterOnesServed() {
        String user = UUID.randomUUID().toString();
        Instant now = Instant.now();
        String before = token(user, now.minusSeconds(120));
        assertThat(given().header("Host", ACME_HOST)
                        .auth()
                        .oauth2(before)
                        .get("/api/v1/settings")
                        .statusCode())
                .isEqualTo(200);

        deliverDeactivation(user, now.minusSeconds(60));

        var refused = given().header("Host", ACME_HOST).auth().oauth2(before).get("/api/v1/settings");
        assertProblem(refused, 401);
        assertThat(refused.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(Upstreams.server.findAll(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                        com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/api/v1/settings"))))
                .as("the refused request never reached the service")
                .hasSize(1);
        // Reactivated and signed in again: the new token is served; someone else was never affected.
        assertThat(given().header("Host", ACME_HOST)
                        .auth()
                        .oauth2(token(user, now.minusSeconds(10)))
                        .get("/api/v1/settings")
                        .statusCode())
                .isEqualTo(200);
        assertThat(given().header("Host", ACME_HOST)
                        .auth()
                        .oauth2(token(UUID.randomUUID().toString(), now.minusSeconds(120)))
                        .get("/api/v1/settings")
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void anOlderDeactivationArrivingLateDoesNotReopenTokens() {
        String user = UUID.randomUUID().toString();
        Instant now = Instant.now();
        deliverDeactivation(user, now.minusSeconds(30));
        deliverDeactivation(user, now.minusSeconds(300));
        assertProblem(
                given().header("Host", ACME_HOST)
                        .auth()
                        .oauth2(token(user, now.minusSeconds(100)))
                        .get("/api/v1/settings"),
                401);
    }

    @Test
    void anEventThatCanNeverBeAppliedGoesToTheDeadLetters() {
        CloudEvent broken = new CloudEvent(
                "1.0",
                UUID.randomUUID().toString(),
                "tenant.user_deactivated",
                "/comply360/tenant-service",
                Instant.now().toString(),
                "x",
                "tenant.user_deactivated/v1",
                "application/json",
                Upstreams.ACME,
                UUID.randomUUID().toString(),
                JSON.createObjectNode().put("userId", "u"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> deactivations.handle(broken))
                .isInstanceOf(PermanentEventException.class);
    }

    @Test
    void withoutRedisTokensAreLetThroughAndCounted() {
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        TokenRevocations alone = new TokenRevocations(
                Redis.createClient(vertx, "redis://127.0.0.1:1"),
                vertx.getDelegate(),
                Duration.ofHours(1),
                Duration.ofMillis(250),
                metrics);
        assertThat(alone.deactivatedAt("someone").await().atMost(Duration.ofSeconds(5)))
                .isEqualTo(-1L);
        assertThat(metrics.get("comply360.gateway.revocations.unchecked")
                        .counter()
                        .count())
                .isEqualTo(1);
    }
}
