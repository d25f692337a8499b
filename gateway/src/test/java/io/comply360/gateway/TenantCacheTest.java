package io.comply360.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.comply360.platform.testkit.ProblemAssertions.assertProblem;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.http.Fault;

import io.comply360.platform.testkit.TestTokens;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * The slug → tenant cache: bounded, "not found" remembered briefly, lookups of unknown hosts rate-limited per
 * caller, and known agencies served from the cache while tenant-service stalls or fails (the test profile makes
 * an entry old after 1 s and gives up on a lookup after 500 ms).
 */
@QuarkusTest
class TenantCacheTest {

    private static final String ACME_HOST = "acme.localhost:8080";

    @Inject
    MeterRegistry metrics;

    @Inject
    TenantDirectory tenants;

    @ConfigProperty(name = "comply360.gateway.tenant-cache.lookup-burst")
    int lookupBurst;

    @ConfigProperty(name = "comply360.gateway.tenant-cache.max-size")
    int maxSize;

    @BeforeEach
    void upstreamAnswers() {
        Upstreams.reset();
    }

    /** A client that gives up after {@code seconds}: the gateway must answer well before that. */
    private static RequestSpecification patient(int seconds) {
        int millis = seconds * 1000;
        return given().config(RestAssuredConfig.config()
                .httpClient(HttpClientConfig.httpClientConfig()
                        .setParam("http.connection.timeout", millis)
                        .setParam("http.socket.timeout", millis)));
    }

    private static Response acmeSettings() {
        return patient(3)
                .header("Host", ACME_HOST)
                .auth()
                .oauth2(TestTokens.token("agent", UUID.fromString(Upstreams.ACME)))
                .get("/api/v1/settings");
    }

    private static int lookups(String slug) {
        return Upstreams.server
                .findAll(getRequestedFor(urlEqualTo("/internal/tenants/by-slug/" + slug)))
                .size();
    }

    @Test
    void aKnownAgencyIsStillServedWhileTenantServiceFails() {
        assertThat(acmeSettings().statusCode()).isEqualTo(200);
        Upstreams.server.stubFor(get(urlPathMatching("/internal/tenants/by-slug/.*"))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        Upstreams.server.resetRequests();
        List<Integer> statuses = new ArrayList<>();
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    statuses.add(acmeSettings().statusCode());
                    return lookups("acme") >= 2;
                });
        assertThat(statuses)
                .as("served from the cache while its refreshes fail")
                .containsOnly(200);
    }

    @Test
    void aKnownAgencyIsServedWithoutWaitingWhileTenantServiceStalls() {
        assertThat(acmeSettings().statusCode()).isEqualTo(200);
        Upstreams.server.stubFor(get(urlPathMatching("/internal/tenants/by-slug/.*"))
                .willReturn(aResponse().withFixedDelay(20_000).withStatus(500)));
        Upstreams.server.resetRequests();
        List<Integer> statuses = new ArrayList<>();
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    statuses.add(acmeSettings().statusCode());
                    return lookups("acme") >= 1;
                });
        assertThat(statuses).containsOnly(200);
        // Old entries are refreshed in the background; requests go on meanwhile.
        for (int i = 0; i < 3; i++) {
            assertThat(acmeSettings().statusCode()).isEqualTo(200);
        }
    }

    @Test
    void anAgencyNotYetKnownWhileTenantServiceStallsGets503AfterAShortLookupTimeout() {
        Upstreams.server.stubFor(get(urlEqualTo("/internal/tenants/by-slug/newcomer"))
                .willReturn(aResponse().withFixedDelay(20_000).withStatus(404)));
        Response answer = patient(5)
                .header("Host", "newcomer.localhost:8080")
                .auth()
                .oauth2(TestTokens.token("agent", UUID.randomUUID()))
                .get("/api/v1/settings");
        assertProblem(answer, 503);
        assertThat(answer.jsonPath().getString("detail")).contains("tenant-service");
    }

    @Test
    void madeUpHostsCostOnlyABurstOfLookupsPerCaller() {
        String acmeAgent = TestTokens.token("agent", UUID.fromString(Upstreams.ACME));
        assertThat(given().header("Host", ACME_HOST)
                        .auth()
                        .oauth2(acmeAgent)
                        .get("/api/v1/settings")
                        .statusCode())
                .isEqualTo(200);
        List<Response> answers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            answers.add(given().header(
                            "Host",
                            "made-up-" + i + "-" + UUID.randomUUID().toString().substring(0, 8) + ".localhost:8080")
                    .auth()
                    .oauth2(acmeAgent)
                    .get("/api/v1/settings"));
        }
        int burst = lookupBurst;
        assertThat(Upstreams.server.findAll(getRequestedFor(urlPathMatching("/internal/tenants/by-slug/made-up-.*"))))
                .hasSizeLessThanOrEqualTo(burst + 1);
        assertThat(answers.stream().filter(a -> a.statusCode() == 404)).hasSizeLessThanOrEqualTo(burst + 1);
        Response throttled = answers.get(answers.size() - 1);
        assertProblem(throttled, 429);
        assertThat(throttled.header("Retry-After")).isNotBlank();
        // Known agencies cost no lookup, and other callers have their own budget.
        assertThat(given().header("Host", ACME_HOST)
                        .auth()
                        .oauth2(acmeAgent)
                        .get("/api/v1/settings")
                        .statusCode())
                .isEqualTo(200);
        assertThat(given().header("Host", "globex.localhost:8080")
                        .auth()
                        .oauth2(TestTokens.token("agent", UUID.fromString(Upstreams.GLOBEX)))
                        .get("/api/v1/settings")
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void anUnknownAgencyIsRememberedBrieflyThenLookedUpAgain() {
        String stranger = TestTokens.token("agent", UUID.randomUUID());
        String host = "vanished-" + UUID.randomUUID().toString().substring(0, 8) + ".localhost:8080";
        String slug = host.substring(0, host.indexOf('.'));
        assertProblem(given().header("Host", host).auth().oauth2(stranger).get("/api/v1/settings"), 404);
        assertProblem(given().header("Host", host).auth().oauth2(stranger).get("/api/v1/settings"), 404);
        assertThat(lookups(slug)).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    given().header("Host", host).auth().oauth2(stranger).get("/api/v1/settings");
                    return lookups(slug) == 2;
                });
    }

    @Test
    void theCacheHoldsAtMostItsConfiguredNumberOfAgencies() {
        long peak = 0;
        for (int i = 0; i < maxSize * 3; i++) {
            assertProblem(
                    given().header(
                                    "Host",
                                    "filler-" + i + "-"
                                            + UUID.randomUUID().toString().substring(0, 8) + ".localhost:8080")
                            .auth()
                            .oauth2(TestTokens.token("agent", UUID.randomUUID()))
                            .get("/api/v1/settings"),
                    404);
            peak = Math.max(peak, tenants.held().unknown());
        }
        assertThat(peak).as("unknown slugs held at most").isPositive().isLessThanOrEqualTo(maxSize);
        assertThat(tenants.held().tenants()).isLessThanOrEqualTo(maxSize);
        assertThat(metrics.find("comply360.gateway.tenant.cache.size").gauges())
                .as("a gauge each for tenants and unknown slugs")
                .hasSize(2);
    }
}
