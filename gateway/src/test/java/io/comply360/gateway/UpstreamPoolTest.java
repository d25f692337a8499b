package io.comply360.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.comply360.platform.testkit.ProblemAssertions.assertProblem;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.comply360.platform.testkit.TestTokens;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * The connections to a service are a bounded pool with a bounded wait: when all are busy, a request waits at
 * most {@code pool.wait-timeout} (or not at all when the queue is full) and gets a 503 problem — it never
 * waits forever, and the gateway's own saturation does not open the service's breaker.
 */
@QuarkusTest
@TestProfile(UpstreamPoolTest.SmallPool.class)
class UpstreamPoolTest {

    private static final String ACME_HOST = "acme.localhost:8080";

    /** Two connections per service, one request may wait for one, for half a second (a connect: a quarter). */
    public static class SmallPool implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "comply360.gateway.pool.max-size",
                    "2",
                    "comply360.gateway.pool.wait-queue-size",
                    "1",
                    "comply360.gateway.pool.wait-timeout",
                    "500MS",
                    "comply360.gateway.pool.connect-timeout",
                    "250MS",
                    "comply360.gateway.upstream-timeout",
                    "10S");
        }
    }

    @Inject
    MeterRegistry metrics;

    @Inject
    CircuitBreaker breakers;

    @BeforeEach
    void upstreamAnswers() {
        Upstreams.reset();
    }

    private static Response get(String path) {
        return given().header("Host", ACME_HOST)
                .auth()
                .oauth2(TestTokens.token("agent", UUID.fromString(Upstreams.ACME)))
                .get(path);
    }

    @Test
    void whenEveryConnectionIsBusyARequestWaitsBrieflyThenGets503AndTheBreakerStaysClosed() {
        Upstreams.server.stubFor(any(urlPathEqualTo("/api/v1/notifications"))
                .willReturn(aResponse()
                        .withFixedDelay(4000)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"items\":[]}")));
        List<CompletableFuture<Response>> slow = IntStream.range(0, 2)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> get("/api/v1/notifications")))
                .toList();
        await().atMost(Duration.ofSeconds(5))
                .until(() -> Upstreams.server
                                .findAll(getRequestedFor(urlPathEqualTo("/api/v1/notifications")))
                                .size()
                        == 2);

        // Both connections are taken: one of these waits its half second in the queue, the other finds it full.
        List<CompletableFuture<Response>> waiting = IntStream.range(0, 2)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> get("/api/v1/settings")))
                .toList();
        for (Response busy : waiting.stream().map(CompletableFuture::join).toList()) {
            assertProblem(busy, 503);
            assertThat(busy.jsonPath().getString("detail")).contains("busy");
            assertThat(busy.header("Retry-After")).isNotBlank();
        }
        assertThat(breakers.isOpen("tenant"))
                .as("the gateway's own saturation is not the service failing")
                .isFalse();
        assertThat(metrics.find("comply360.gateway.pool.rejections")
                        .tag("service", "tenant")
                        .counter()
                        .count())
                .isEqualTo(2);

        assertThat(slow)
                .allSatisfy(request -> assertThat(request.join().statusCode()).isEqualTo(200));
        assertThat(get("/api/v1/settings").statusCode()).isEqualTo(200);
    }
}
