package io.comply360.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.comply360.platform.testkit.TestTokens;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Services route on the normalised path (RESTEasy Reactive resolves dot segments, and path parameters are
 * decoded after matching), so the gateway must judge the same path the service will serve: a request whose
 * path is not already in normal form is refused with 400, never matched on its raw form and forwarded.
 */
@QuarkusTest
class PathNormalisationTest {

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Inject
    MeterRegistry metrics;

    @BeforeEach
    void upstreamAnswers() {
        Upstreams.reset();
    }

    private RawHttp.Answer call(String method, String path, String host, String token) {
        return RawHttp.send(
                port, method + " " + path + " HTTP/1.1\r\nHost: " + host + "\r\nAuthorization: Bearer " + token);
    }

    private static int proxiedCalls() {
        return Upstreams.server.findAll(anyRequestedFor(urlPathMatching(".*"))).stream()
                .filter(r -> !r.getUrl().startsWith("/internal/tenants/by-slug/"))
                .toList()
                .size();
    }

    @Test
    void pathsThatAreNotInNormalFormAreRefusedNotForwarded() {
        String platformAdmin = TestTokens.token("platform_admin", null);
        String tenantAdmin = TestTokens.token("tenant_admin", UUID.fromString(Upstreams.ACME));
        String[] tricks = {
            "/api/v1/tenants/.",
            "/api/v1/tenants/..",
            "/api/v1/tenants/%2e",
            "/api/v1/tenants/%2E%2E",
            "/api/v1/tenants/x/..",
            "/api/v1/tenants/x%2F..",
            "/api/v1/tenants/x%2f..%2f",
            "//api/v1/tenants",
            "/api//v1/tenants",
            "/api/v1/tenants;a=b",
            "/api/v1/tenants/x;/..",
            "/api/v1/tenants/x%5C..",
            "/api/./v1/tenants",
            "/api/v1/%74enants",
            "/api/v1/tenants/%2e%2e%2f%2e%2e%2finternal"
        };
        for (String path : tricks) {
            call("GET", path, "localhost:8080", platformAdmin).assertProblem(400);
        }
        for (String path : new String[] {
            "/api/v1/users/..",
            "/api/v1/users/%2e%2e/settings",
            "/api/v1/users/.;/history",
            "/api/../internal/tenants/by-slug/acme",
            "/api/v1/settings/..%2finternal"
        }) {
            call("GET", path, "acme.localhost:8080", tenantAdmin).assertProblem(400);
        }
        // A raw backslash is not even a valid request line: Vert.x's HTTP decoder refuses it (an empty 400, before any
        // handler of the gateway could answer).
        assertThat(call("GET", "/api/v1/tenants/x\\..", "localhost:8080", platformAdmin)
                        .status())
                .isEqualTo(400);
        assertThat(proxiedCalls()).isZero();
        // A path parameter may still carry percent-encoded characters that change nothing about the path.
        assertThat(call("GET", "/api/v1/users/some%20one", "acme.localhost:8080", tenantAdmin)
                        .status())
                .isEqualTo(200);
    }

    @Test
    void unknownMethodsAreRefusedAndShareOneMetricSeries() {
        String agent = TestTokens.token("agent", UUID.fromString(Upstreams.ACME));
        for (int i = 0; i < 5; i++) {
            call("MADEUP" + i, "/api/v1/settings", "acme.localhost:8080", agent).assertProblem(405);
        }
        assertThat(proxiedCalls()).isZero();
        await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> {
            assertThat(metrics.find("comply360.gateway.requests").meters())
                    .map(m -> m.getId().getTag("route"))
                    .noneMatch(route -> route.contains("MADEUP"))
                    .contains("other (no route)");
            assertThat(metrics.find("comply360.gateway.requests")
                            .tag("route", "other (no route)")
                            .meters())
                    .extracting(Meter::getId)
                    .hasSize(1);
        });
    }
}
