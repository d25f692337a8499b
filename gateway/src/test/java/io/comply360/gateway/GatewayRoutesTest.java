package io.comply360.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.comply360.platform.testkit.ProblemAssertions.assertProblem;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.http.Fault;

import io.comply360.platform.testkit.Management;
import io.comply360.platform.testkit.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
class GatewayRoutesTest {

    private static final String ACME_HOST = "acme.localhost:8080";

    @BeforeEach
    void upstreamAnswers() {
        Upstreams.reset();
    }

    private static RequestSpecification at(String host, String token) {
        RequestSpecification request = given().header("Host", host);
        return token == null ? request : request.auth().oauth2(token);
    }

    private static String acme(String role) {
        return TestTokens.token(role, UUID.fromString(Upstreams.ACME));
    }

    private static int proxiedCalls() {
        return Upstreams.server
                .findAll(anyRequestedFor(urlPathMatching("/api/.*")))
                .size();
    }

    @Test
    void anAllowedRequestIsStreamedToTheOwningServiceUnchanged() {
        // Services echo the request id, as the platform makes them do; the client must still see it once.
        Upstreams.server.stubFor(get(urlPathMatching("/api/v1/settings"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withHeader("X-Request-Id", "req-gateway-0001")
                        .withBody("{\"from\":\"upstream\"}")));
        String token = acme("agent");
        Response response = at(ACME_HOST, token)
                .header("X-Request-Id", "req-gateway-0001")
                .header("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
                .queryParam("limit", 5)
                .get("/api/v1/settings");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.jsonPath().getString("from")).isEqualTo("upstream");
        assertThat(response.headers().getValues("X-Request-Id")).containsExactly("req-gateway-0001");
        Upstreams.server.verify(getRequestedFor(urlEqualTo("/api/v1/settings?limit=5"))
                .withHeader("X-Request-Id", equalTo("req-gateway-0001"))
                .withHeader("traceparent", equalTo("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"))
                .withHeader("Authorization", equalTo("Bearer " + token))
                .withHeader("X-Forwarded-Host", equalTo(ACME_HOST)));
    }

    @Test
    void withoutATokenIs401() {
        Response response = at(ACME_HOST, null).get("/api/v1/settings");
        assertProblem(response, 401);
        assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(proxiedCalls()).isZero();
    }

    @Test
    void everyKindOfBadTokenIs401() {
        UUID acme = UUID.fromString(Upstreams.ACME);
        for (String token : new String[] {
            TestTokens.builder().roles("agent").tenant(acme).expired().build(),
            TestTokens.builder().roles("agent").tenant(acme).audience("account").build(),
            TestTokens.builder()
                    .roles("agent")
                    .tenant(acme)
                    .issuer("http://127.0.0.1:1/realms/other")
                    .build(),
            TestTokens.builder().roles("agent").tenant(acme).signedByStranger().build(),
            "not-a-jwt"
        }) {
            assertProblem(at(ACME_HOST, token).get("/api/v1/settings"), 401);
        }
        assertThat(proxiedCalls()).isZero();
    }

    @Test
    void aTokenOfAnotherAgencyOnThisAgencysHostIs403() {
        assertProblem(
                at(ACME_HOST, TestTokens.token("agent", UUID.fromString(Upstreams.GLOBEX)))
                        .get("/api/v1/settings"),
                403);
        assertThat(proxiedCalls()).isZero();
    }

    @Test
    void aSuspendedAgencyIsRefused() {
        assertProblem(
                at("dormant.localhost:8080", TestTokens.token("agent", UUID.fromString(Upstreams.DORMANT)))
                        .get("/api/v1/settings"),
                403);
    }

    @Test
    void anUnknownAgencyIs404() {
        Upstreams.server.stubFor(any(urlPathMatching("/internal/tenants/by-slug/nowhere"))
                .willReturn(aResponse().withStatus(404)));
        assertProblem(at("nowhere.localhost:8080", acme("agent")).get("/api/v1/settings"), 404);
    }

    @Test
    void operatorsUseTheBareDomainAndAgenciesTheirOwnHost() {
        String platformAdmin = TestTokens.token("platform_admin", null);
        assertThat(at("localhost:8080", platformAdmin).get("/api/v1/tenants").statusCode())
                .isEqualTo(200);
        assertProblem(at(ACME_HOST, platformAdmin).get("/api/v1/tenants"), 403);
        assertProblem(
                at("localhost:8080", TestTokens.token("tenant_admin", UUID.fromString(Upstreams.ACME)))
                        .get("/api/v1/settings"),
                403);
        assertProblem(at("elsewhere.example:8080", platformAdmin).get("/api/v1/tenants"), 404);
    }

    @Test
    void theRoleMatrixIsEnforcedBeforeProxying() {
        assertProblem(
                at(ACME_HOST, acme("agent"))
                        .contentType("application/json")
                        .body("{}")
                        .put("/api/v1/settings"),
                403);
        assertProblem(at(ACME_HOST, acme("agent_assistant")).get("/api/v1/tenants"), 403);
        assertThat(proxiedCalls()).isZero();
        assertThat(at(ACME_HOST, acme("tenant_admin"))
                        .contentType("application/json")
                        .body("{}")
                        .put("/api/v1/settings")
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void unknownRoutesAndMethodsAreRefusedNotForwarded() {
        assertProblem(at(ACME_HOST, acme("agent")).get("/api/v1/nothing-here"), 404);
        assertProblem(at(ACME_HOST, acme("tenant_admin")).delete("/api/v1/settings"), 405);
        assertThat(proxiedCalls()).isZero();
    }

    @Test
    void internalRoutesAreNeverRouted() {
        assertProblem(
                at("localhost:8080", TestTokens.token("service", null)).get("/internal/tenants/by-slug/acme"), 404);
        assertProblem(
                at(ACME_HOST, acme("tenant_admin")).get("/internal/dead-letters/notification.tenant-events"), 404);
        // The gateway consumes a queue itself now; its dead-letter tools stay off the internet too.
        for (String host : new String[] {"localhost:8080", ACME_HOST}) {
            assertProblem(
                    at(host, TestTokens.token("platform_admin", null))
                            .get("/internal/dead-letters/gateway.user-deactivations"),
                    404);
            assertProblem(
                    at(host, TestTokens.token("service", null))
                            .post("/internal/dead-letters/gateway.user-deactivations/replay"),
                    404);
        }
    }

    @Test
    void aServiceThatFailsIs503NamingItAndItsBreakerOpensThenClosesWhenItRecovers() {
        String path = "/api/v1/notifications";
        Upstreams.server.stubFor(
                any(urlPathMatching(path)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        for (int i = 0; i < 5; i++) {
            Response failed = at(ACME_HOST, acme("agent")).get(path);
            assertProblem(failed, 503);
            assertThat(failed.jsonPath().getString("detail")).contains("notification-service");
        }
        int reached =
                Upstreams.server.findAll(getRequestedFor(urlEqualTo(path))).size();
        Response fastFail = at(ACME_HOST, acme("agent")).get(path);
        assertProblem(fastFail, 503);
        assertThat(fastFail.header("Retry-After")).isNotBlank();
        assertThat(Upstreams.server.findAll(getRequestedFor(urlEqualTo(path))))
                .as("open breaker: not called")
                .hasSize(reached);
        // Other services are not affected.
        assertThat(at(ACME_HOST, acme("agent")).get("/api/v1/settings").statusCode())
                .isEqualTo(200);

        Upstreams.server.stubFor(any(urlPathMatching(path))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"items\":[]}")));
        await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> at(ACME_HOST, acme("agent")).get(path).statusCode() == 200);
        assertThat(at(ACME_HOST, acme("agent")).get(path).statusCode()).isEqualTo(200);
    }

    @Test
    void apiAnswersAreNeverCachedUnlessTheServiceMarksThemPrivate() {
        assertThat(at(ACME_HOST, acme("agent")).get("/api/v1/settings").header("Cache-Control"))
                .isEqualTo("no-store");
        assertThat(at(ACME_HOST, null).get("/api/v1/settings").header("Cache-Control"))
                .isEqualTo("no-store");
        assertThat(at(ACME_HOST, acme("agent_assistant")).get("/api/v1/tenants").header("Cache-Control"))
                .isEqualTo("no-store");

        Upstreams.server.stubFor(get(urlEqualTo("/api/v1/settings/logo"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "image/png")
                        .withHeader("Cache-Control", "private, max-age=300")
                        .withHeader("ETag", "\"7\"")
                        .withBody(new byte[] {(byte) 0x89, 'P', 'N', 'G'})));
        Response logo = at(ACME_HOST, acme("agent")).get("/api/v1/settings/logo");
        assertThat(logo.statusCode()).isEqualTo(200);
        assertThat(logo.header("Cache-Control"))
                .as("the service's private caching is kept")
                .isEqualTo("private, max-age=300");
        assertThat(logo.header("ETag")).isEqualTo("\"7\"");

        Upstreams.server.stubFor(get(urlEqualTo("/api/v1/notifications"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withHeader("Cache-Control", "public, max-age=600")
                        .withBody("{\"items\":[]}")));
        assertThat(at(ACME_HOST, acme("agent")).get("/api/v1/notifications").header("Cache-Control"))
                .as("a shared cache must never keep an agency's answer")
                .isEqualTo("no-store");
    }

    @Test
    void securityHeadersAreOnEveryAnswer() {
        for (Response response : new Response[] {
            at(ACME_HOST, acme("agent")).get("/api/v1/settings"),
            at(ACME_HOST, null).get("/api/v1/settings")
        }) {
            assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(response.header("X-Frame-Options")).isEqualTo("DENY");
            assertThat(response.header("Referrer-Policy")).isEqualTo("no-referrer");
            assertThat(response.header("Content-Security-Policy")).contains("frame-ancestors 'none'");
        }
    }

    @Test
    void tenantLookupsAreCached() {
        Upstreams.server.resetRequests();
        at("globex.localhost:8080", TestTokens.token("agent", UUID.fromString(Upstreams.GLOBEX)))
                .get("/api/v1/settings");
        at("globex.localhost:8080", TestTokens.token("agent", UUID.fromString(Upstreams.GLOBEX)))
                .get("/api/v1/settings");
        assertThat(Upstreams.server.findAll(getRequestedFor(urlEqualTo("/internal/tenants/by-slug/globex"))))
                .hasSizeLessThanOrEqualTo(1);
        assertThat(proxiedCalls()).isEqualTo(2);
    }

    @Test
    void readinessIsTheGatewayItselfNotRedisNorItsUpstreams() {
        Response ready = Management.given().get("/q/health/ready");
        assertThat(ready.statusCode()).as(ready.asString()).isEqualTo(200);
        assertThat(ready.jsonPath().getList("checks.name", String.class))
                .noneMatch(name -> name.toLowerCase().contains("redis"));
        assertThat(Management.given().get("/q/health/live").statusCode()).isEqualTo(200);
    }

    @Test
    void prometheusShowsRequestsPerRouteTenantAndStatus() {
        at(ACME_HOST, acme("agent")).get("/api/v1/settings");
        assertThat(Management.given().get("/q/metrics").asString())
                .containsPattern(
                        "comply360_gateway_requests_seconds_count\\{[^}]*route=\"GET /api/v1/settings\"[^}]*status=\"200\"[^}]*tenant=\"acme\"");
    }

    @Test
    void metricsOpenApiAndHealthAreNotServedToTheInternet() {
        for (String path : new String[] {"/q/metrics", "/q/openapi", "/q/swagger-ui/", "/q/health/ready"}) {
            for (String host : new String[] {"localhost:8080", ACME_HOST}) {
                Response response = given().header("Host", host).get(path);
                assertThat(response.statusCode()).as(path + " on " + host).isEqualTo(404);
                assertThat(response.asString()).doesNotContain("acme", "comply360_gateway_requests");
            }
        }
        assertThat(Management.given().get("/q/metrics").statusCode()).isEqualTo(200);
        assertThat(Management.given()
                        .queryParam("format", "json")
                        .get("/q/openapi")
                        .statusCode())
                .isEqualTo(200);
    }
}
