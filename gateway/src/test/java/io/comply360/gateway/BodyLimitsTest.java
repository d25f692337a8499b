package io.comply360.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.comply360.platform.testkit.ProblemAssertions.assertProblem;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.http.Fault;

import io.comply360.platform.testkit.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Bodies are bounded per route (the role matrix's {@code maxBody}, else 256 KB for JSON): an oversized body is
 * answered 413 by the gateway and never reaches a service, whether it announces its length or streams without
 * one. Neither that nor a service's own error answers ever open a service's circuit breaker for everyone.
 */
@QuarkusTest
class BodyLimitsTest {

    private static final String ACME_HOST = "acme.localhost:8080";
    private static final String GLOBEX_HOST = "globex.localhost:8080";
    private static final int JSON_LIMIT = 256 * 1024;
    private static final int LOGO_LIMIT = 1024 * 1024;

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Inject
    CircuitBreaker breakers;

    @BeforeEach
    void upstreamAnswers() {
        Upstreams.reset();
    }

    private static String acme(String role) {
        return TestTokens.token(role, UUID.fromString(Upstreams.ACME));
    }

    private static String head(String method, String path, String token, String... headers) {
        return method + " " + path + " HTTP/1.1\r\nHost: " + ACME_HOST + "\r\nAuthorization: Bearer " + token
                + (headers.length == 0 ? "" : "\r\n" + String.join("\r\n", headers));
    }

    private static byte[] bytes(int size) {
        byte[] body = new byte[size];
        Arrays.fill(body, (byte) ' ');
        return body;
    }

    private int proxiedCalls() {
        return Upstreams.server
                .findAll(anyRequestedFor(urlPathMatching("/api/.*")))
                .size();
    }

    private boolean breakerOpen(String service) {
        return breakers.isOpen(service);
    }

    @Test
    void aJsonBodyOverTheDefaultLimitIs413AndNeverForwarded() {
        RawHttp.Answer answer = RawHttp.send(
                port,
                head(
                        "PUT",
                        "/api/v1/settings",
                        acme("tenant_admin"),
                        "Content-Type: application/json",
                        "Content-Length: " + (JSON_LIMIT + 1)),
                "{".getBytes());
        answer.assertProblem(413);
        assertThat(answer.json().path("detail").asText()).contains("256 KB");
        assertThat(proxiedCalls()).isZero();
    }

    @Test
    void aChunkedBodyIsCountedAsItStreamsAndCutOffAt413() {
        RawHttp.Answer answer = RawHttp.sendChunked(
                port,
                head("PUT", "/api/v1/settings", acme("tenant_admin"), "Content-Type: application/json"),
                4L * JSON_LIMIT);
        answer.assertProblem(413);
        assertThat(answer.json().path("detail").asText()).contains("256 KB");
        assertThat(Upstreams.server.findAll(putRequestedFor(urlPathEqualTo("/api/v1/settings"))))
                .as("the service never sees a complete request")
                .isEmpty();
    }

    @Test
    void aChunkedBodyWithinTheLimitStillStreamsThrough() {
        RawHttp.Answer answer = RawHttp.sendChunked(
                port,
                head("PUT", "/api/v1/settings", acme("tenant_admin"), "Content-Type: application/json"),
                JSON_LIMIT / 2);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(Upstreams.server
                        .findAll(putRequestedFor(urlPathEqualTo("/api/v1/settings")))
                        .get(0)
                        .getBody())
                .hasSize(JSON_LIMIT / 2);
    }

    @Test
    void aClientThatStopsSendingItsBodyGets408AndDoesNotHoldTheServiceForever() {
        // The test profile's upstream-timeout (2 s) is how long a body may stop moving.
        RawHttp.Answer answer = RawHttp.sendAndStall(
                port, head("PUT", "/api/v1/settings", acme("tenant_admin"), "Content-Type: application/json"), 1024);
        answer.assertProblem(408);
        assertThat(answer.header("Connection")).isEqualTo("close");
        assertThat(breakerOpen("tenant")).isFalse();
        assertThat(Upstreams.server.findAll(putRequestedFor(urlPathEqualTo("/api/v1/settings"))))
                .isEmpty();
    }

    @Test
    void aRouteDeclaringItsOwnLimitTakesBodiesUpToIt() {
        Response logo = given().header("Host", ACME_HOST)
                .auth()
                .oauth2(acme("tenant_admin"))
                .contentType("image/png")
                .body(bytes(JSON_LIMIT * 3))
                .put("/api/v1/settings/logo");
        assertThat(logo.statusCode()).as(logo.asString()).isEqualTo(200);
        assertThat(Upstreams.server.findAll(putRequestedFor(urlPathEqualTo("/api/v1/settings/logo"))))
                .hasSize(1);

        RawHttp.Answer tooLarge = RawHttp.send(
                port,
                head(
                        "PUT",
                        "/api/v1/settings/logo",
                        acme("tenant_admin"),
                        "Content-Type: image/png",
                        "Content-Length: " + (LOGO_LIMIT + 1)),
                "x".getBytes());
        tooLarge.assertProblem(413);
        assertThat(tooLarge.json().path("detail").asText()).contains("1 MB");
        // The same body is too large for a JSON route.
        assertProblem(
                given().header("Host", ACME_HOST)
                        .auth()
                        .oauth2(acme("tenant_admin"))
                        .contentType("application/json")
                        .body(bytes(JSON_LIMIT * 3))
                        .put("/api/v1/settings"),
                413);
        assertThat(proxiedCalls()).isEqualTo(1);
    }

    @Test
    void oversizedBodiesFromAnAssistantDoNotOpenTheBreakerForOtherAgencies() {
        // The service drops the connection of a request whose body it will not take (as Quarkus does over its limit).
        Upstreams.server.stubFor(any(urlPathEqualTo("/api/v1/settings"))
                .withHeader("X-Forwarded-Host", equalTo(ACME_HOST))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        String assistant = acme("agent_assistant");
        for (int i = 0; i < 5; i++) {
            RawHttp.send(
                            port,
                            head("GET", "/api/v1/settings", assistant, "Content-Length: " + 11 * 1024 * 1024),
                            "x".getBytes())
                    .assertProblem(413);
            RawHttp.sendChunked(port, head("GET", "/api/v1/settings", assistant), 2L * JSON_LIMIT)
                    .assertProblem(413);
        }
        assertThat(breakerOpen("tenant")).isFalse();
        Response other = given().header("Host", GLOBEX_HOST)
                .auth()
                .oauth2(TestTokens.token("agent", UUID.fromString(Upstreams.GLOBEX)))
                .get("/api/v1/settings");
        assertThat(other.statusCode()).as(other.asString()).isEqualTo(200);
    }

    @Test
    void aServicesOwnErrorAnswersAreAnswersNotBreakerFailures() {
        Upstreams.server.stubFor(
                any(urlPathEqualTo("/api/v1/settings"))
                        .withHeader("X-Forwarded-Host", equalTo(ACME_HOST))
                        .willReturn(
                                aResponse()
                                        .withStatus(500)
                                        .withHeader("Content-Type", "application/problem+json")
                                        .withBody(
                                                "{\"type\":\"urn:comply360:problem:internal-error\",\"title\":\"Internal error\",\"status\":500}")));
        Upstreams.server.stubFor(
                any(urlPathEqualTo("/api/v1/notifications"))
                        .withHeader("X-Forwarded-Host", equalTo(ACME_HOST))
                        .willReturn(
                                aResponse()
                                        .withStatus(503)
                                        .withHeader("Content-Type", "application/problem+json")
                                        .withBody(
                                                "{\"type\":\"urn:comply360:problem:service-unavailable\",\"title\":\"Service unavailable\",\"status\":503}")));
        for (int i = 0; i < 6; i++) {
            Response answer = given().header("Host", ACME_HOST)
                    .auth()
                    .oauth2(acme("agent"))
                    .get("/api/v1/settings");
            assertProblem(answer, 500);
            assertThat(answer.jsonPath().getString("type")).isEqualTo("urn:comply360:problem:internal-error");
            assertProblem(
                    given().header("Host", ACME_HOST)
                            .auth()
                            .oauth2(acme("tenant_admin"))
                            .contentType("application/json")
                            .body("{}")
                            .put("/api/v1/settings"),
                    500);
        }
        assertThat(Upstreams.server.findAll(getRequestedFor(urlPathEqualTo("/api/v1/settings"))))
                .as("every one reached the service")
                .hasSize(6);
        for (int i = 0; i < 6; i++) {
            assertThat(given().header("Host", ACME_HOST)
                            .auth()
                            .oauth2(acme("agent"))
                            .get("/api/v1/notifications")
                            .statusCode())
                    .isEqualTo(503);
        }
        assertThat(breakerOpen("tenant")).isFalse();
        assertThat(breakerOpen("notification")).isFalse();
        String globex = TestTokens.token("agent", UUID.fromString(Upstreams.GLOBEX));
        assertThat(given().header("Host", GLOBEX_HOST)
                        .auth()
                        .oauth2(globex)
                        .get("/api/v1/settings")
                        .statusCode())
                .isEqualTo(200);
        assertThat(given().header("Host", GLOBEX_HOST)
                        .auth()
                        .oauth2(globex)
                        .get("/api/v1/notifications")
                        .statusCode())
                .isEqualTo(200);
    }
}
