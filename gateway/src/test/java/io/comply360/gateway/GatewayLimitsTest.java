package io.comply360.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.comply360.platform.testkit.ProblemAssertions.assertProblem;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.http.Fault;

import io.comply360.platform.testkit.TestTokens;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;

/** What protects services from too much: rate limits, retries of idempotent calls only, body limits, CORS. */
@QuarkusTest
class GatewayLimitsTest {

    private static final String ACME_HOST = "acme.localhost:8080";

    @Inject
    Redis redis;

    @Inject
    Vertx vertx;

    @Inject
    GatewayConfig config;

    @Inject
    io.comply360.gateway.revocation.TokenRevocations revocations;

    @Inject
    MeterRegistry metrics;

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @BeforeEach
    void upstreamAnswers() {
        Upstreams.reset();
    }

    private static String acme(String role) {
        return TestTokens.token(role, UUID.fromString(Upstreams.ACME));
    }

    @Test
    void anAgencyOverItsRateGets429WithRetryAfterAndIsServedAgainOnceTheBucketRefills() {
        String token = TestTokens.token("agent", UUID.fromString(Upstreams.BUSY));
        int served = 0;
        Response refused = null;
        for (int i = 0; i < 20 && refused == null; i++) {
            Response response = given().header("Host", "busy.localhost:8080")
                    .auth()
                    .oauth2(token)
                    .get("/api/v1/settings");
            if (response.statusCode() == 429) {
                refused = response;
            } else {
                assertThat(response.statusCode()).isEqualTo(200);
                served++;
            }
        }
        assertThat(refused).as("the bucket of 3 runs dry").isNotNull();
        assertThat(served).isBetween(3, 5);
        assertProblem(refused, 429);
        assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, 2);
        // Another agency is not affected.
        assertThat(given().header("Host", ACME_HOST)
                        .auth()
                        .oauth2(acme("agent"))
                        .get("/api/v1/settings")
                        .statusCode())
                .isEqualTo(200);
        await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> given().header("Host", "busy.localhost:8080")
                                .auth()
                                .oauth2(token)
                                .get("/api/v1/settings")
                                .statusCode()
                        == 200);
    }

    @Test
    void replicasShareOneBucketThroughRedis() {
        String bucket = "shared-" + UUID.randomUUID();
        RateLimiter one =
                new RateLimiter(redis, vertx.getDelegate(), config.rateLimit(), new SimpleMeterRegistry(), revocations);
        RateLimiter two =
                new RateLimiter(redis, vertx.getDelegate(), config.rateLimit(), new SimpleMeterRegistry(), revocations);
        for (int i = 0; i < 3; i++) {
            assertThat(one.acquire(bucket, "enterprise", null)
                            .await()
                            .indefinitely()
                            .allowed())
                    .isTrue();
        }
        RateLimiter.Decision refused =
                two.acquire(bucket, "enterprise", null).await().indefinitely();
        assertThat(refused.allowed())
                .as("the second replica sees the first one's requests")
                .isFalse();
        assertThat(refused.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(two.shared()).isTrue();
    }

    @Test
    void aBurstOfRequestsStillSharesTheBucketsThroughRedis() {
        // 64 clients at once, as in dev/bench: Redis' connection pool must not turn a burst into local buckets. A
        // pool that refuses (its wait queue full) fails at once; the Redis timeout is widened here so that a busy
        // test machine, slow to answer 200 calls, cannot pass for that.
        SimpleMeterRegistry replicaMetrics = new SimpleMeterRegistry();
        GatewayConfig.RateLimit patient = new GatewayConfig.RateLimit() {
            @Override
            public boolean enabled() {
                return config.rateLimit().enabled();
            }

            @Override
            public Map<String, GatewayConfig.Bucket> tiers() {
                return config.rateLimit().tiers();
            }

            @Override
            public String defaultTier() {
                return config.rateLimit().defaultTier();
            }

            @Override
            public Duration redisTimeout() {
                return Duration.ofSeconds(5);
            }
        };
        RateLimiter limiter = new RateLimiter(redis, vertx.getDelegate(), patient, replicaMetrics, revocations);
        List<Uni<RateLimiter.Decision>> burst = IntStream.range(0, 200)
                .mapToObj(i -> limiter.acquire("burst-" + UUID.randomUUID(), "enterprise", null))
                .toList();
        List<?> decisions = Uni.join().all(burst).andFailFast().await().atMost(Duration.ofSeconds(10));
        assertThat(decisions).hasSize(200);
        assertThat(replicaMetrics
                        .get("comply360.gateway.rate.limit.fallbacks")
                        .counter()
                        .count())
                .isZero();
        assertThat(limiter.shared()).isTrue();
    }

    @Test
    void withoutRedisEachReplicaStillLimitsOnItsOwn() {
        Redis gone = Redis.createClient(vertx, "redis://127.0.0.1:1");
        SimpleMeterRegistry replicaMetrics = new SimpleMeterRegistry();
        RateLimiter limiter =
                new RateLimiter(gone, vertx.getDelegate(), config.rateLimit(), replicaMetrics, revocations);
        String bucket = "alone-" + UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.acquire(bucket, "enterprise", null)
                            .await()
                            .atMost(Duration.ofSeconds(5))
                            .allowed())
                    .isTrue();
        }
        assertThat(limiter.acquire(bucket, "enterprise", null)
                        .await()
                        .atMost(Duration.ofSeconds(5))
                        .allowed())
                .isFalse();
        assertThat(limiter.shared()).isFalse();
        assertThat(replicaMetrics
                        .get("comply360.gateway.rate.limit.redis.up")
                        .gauge()
                        .value())
                .isZero();
        assertThat(replicaMetrics
                        .get("comply360.gateway.rate.limit.fallbacks")
                        .counter()
                        .count())
                .isEqualTo(4);
    }

    @Test
    void anIdempotentRequestIsRetriedWhenItsServiceDropsTheConnection() {
        Upstreams.server.stubFor(any(urlPathEqualTo("/api/v1/notifications"))
                .inScenario("flaky")
                .whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER))
                .willSetStateTo("recovered"));
        Upstreams.server.stubFor(any(urlPathEqualTo("/api/v1/notifications"))
                .inScenario("flaky")
                .whenScenarioStateIs("recovered")
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"items\":[]}")));
        Response response =
                given().header("Host", ACME_HOST).auth().oauth2(acme("agent")).get("/api/v1/notifications");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Upstreams.server.findAll(anyRequestedFor(urlPathEqualTo("/api/v1/notifications"))))
                .hasSize(2);
    }

    @Test
    void aRequestThatChangesStateIsNeverRetried() {
        Upstreams.server.stubFor(any(urlPathEqualTo("/api/v1/settings"))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        Response response = given().header("Host", ACME_HOST)
                .auth()
                .oauth2(acme("tenant_admin"))
                .contentType("application/json")
                .body("{\"displayName\":\"Acme\"}")
                .put("/api/v1/settings");
        assertProblem(response, 503);
        assertThat(response.jsonPath().getString("detail")).contains("tenant-service");
        assertThat(Upstreams.server.findAll(anyRequestedFor(urlPathEqualTo("/api/v1/settings"))))
                .hasSize(1);
    }

    @Test
    void aBodyOverTheLimitIsRefusedBeforeItReachesTheService() throws Exception {
        long tooLarge = config.maxBodySize().asLongValue() + 1;
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(("PUT /api/v1/settings HTTP/1.1\r\nHost: " + ACME_HOST + "\r\nAuthorization: Bearer "
                            + acme("tenant_admin") + "\r\nContent-Type: application/json\r\nContent-Length: " + tooLarge
                            + "\r\n\r\n{")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String statusLine = new BufferedReader(
                            new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            assertThat(statusLine).startsWith("HTTP/1.1 413");
        }
        assertThat(Upstreams.server.findAll(anyRequestedFor(urlPathMatching("/api/.*"))))
                .isEmpty();
    }

    @Test
    void browsersFromAllowedOriginsMayCallTheApiAndOthersMayNot() {
        Response allowed = given().header("Host", ACME_HOST)
                .header("Origin", "http://app.localhost:3000")
                .header("Access-Control-Request-Method", "PUT")
                .header("Access-Control-Request-Headers", "authorization,if-match")
                .options("/api/v1/settings");
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.header("Access-Control-Allow-Origin")).isEqualTo("http://app.localhost:3000");
        assertThat(allowed.header("Access-Control-Allow-Methods")).contains("PUT");

        Response refused = given().header("Host", ACME_HOST)
                .header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "PUT")
                .options("/api/v1/settings");
        assertThat(refused.header("Access-Control-Allow-Origin")).isNull();
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(Upstreams.server.findAll(anyRequestedFor(urlPathMatching("/api/.*"))))
                .isEmpty();
    }

    @Test
    void everyRequestIsMeasuredByRouteTenantAndStatus() {
        given().header("Host", ACME_HOST).auth().oauth2(acme("agent")).get("/api/v1/settings");
        given().header("Host", "made-up.localhost:8080")
                .auth()
                .oauth2(acme("agent"))
                .get("/api/v1/settings");
        given().header("Host", ACME_HOST).auth().oauth2("not-a-token").get("/api/v1/settings");
        await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> {
            assertThat(metrics.find("comply360.gateway.requests")
                            .tags(
                                    "route",
                                    "GET /api/v1/settings",
                                    "service",
                                    "tenant",
                                    "tenant",
                                    "acme",
                                    "status",
                                    "200")
                            .timer())
                    .isNotNull();
            assertThat(metrics.find("comply360.gateway.requests")
                            .tags("tenant", "made-up")
                            .timer())
                    .as("hosts nobody resolved are not tags")
                    .isNull();
            assertThat(metrics.find("comply360.gateway.requests")
                            .tags("route", "GET /api/v1/settings", "status", "401")
                            .timer())
                    .as("refused before routing, still counted on its route")
                    .isNotNull();
        });
    }
}
