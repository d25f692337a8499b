package io.comply360.tenant.keycloak;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.comply360.platform.testkit.ProblemAssertions.assertProblem;
import static io.comply360.platform.testkit.TestTokens.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;

import io.comply360.platform.testkit.Management;
import io.comply360.platform.testkit.TestTokens;
import io.comply360.tenant.KeycloakAdminStub;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;

/**
 * Keycloak failing or slow, as a tenant admin listing the agency's people sees it: the existing 503 problem, at once
 * once the breaker is open, and never later than the timeout. (Test profile: 3 s timeout; an open breaker lets a call through again after 5 s.)
 */
@QuarkusTest
class KeycloakFaultToleranceTest {

    @Inject
    CircuitBreakerMaintenance breakers;

    private final UUID tenant = UUID.randomUUID();
    private StubMapping keycloak;

    @AfterEach
    void keycloakAnswersAgain() {
        if (keycloak != null) {
            KeycloakAdminStub.server.removeStub(keycloak);
        }
        // Breakers are per method for the whole run: other tests must not meet this one's open breaker.
        breakers.resetAll();
    }

    private MappingBuilder countOfThisTenant() {
        return get(urlPathEqualTo(KeycloakAdminStub.REALM + "/users/count"))
                .withQueryParam("q", equalTo("tenant_id:" + tenant))
                .atPriority(1);
    }

    private int callsReachingKeycloak() {
        return KeycloakAdminStub.server
                .countRequestsMatching(getRequestedFor(urlPathEqualTo(KeycloakAdminStub.REALM + "/users/count"))
                        .withQueryParam("q", equalTo("tenant_id:" + tenant))
                        .build())
                .getCount();
    }

    private Response listPeople() {
        return as(TestTokens.token("tenant_admin", tenant)).get("/api/v1/users");
    }

    @Test
    void afterRepeatedFailuresTheBreakerOpensAndCallsFailFastUntilKeycloakIsTriedAgain() {
        keycloak = KeycloakAdminStub.server.stubFor(
                countOfThisTenant().willReturn(aResponse().withStatus(503)));
        for (int i = 0; i < 7; i++) {
            assertProblem(listPeople(), 503);
        }
        int reached = callsReachingKeycloak();
        assertThat(reached)
                .as("each read tried three times until the breaker opened")
                .isBetween(10, 21);

        KeycloakAdminStub.server.removeStub(keycloak);
        keycloak = null;
        assertProblem(listPeople(), 503);
        assertThat(callsReachingKeycloak())
                .as("an open breaker does not call Keycloak")
                .isEqualTo(reached);

        await().atMost(Duration.ofSeconds(15)).until(() -> listPeople().statusCode() == 200);
        assertThat(Management.given().get("/q/metrics").asString())
                .contains("ft_invocations_total", "ft_circuitbreaker_opened_total")
                .contains("io.comply360.tenant.keycloak.KeycloakAdmin.countUsers");
    }

    @Test
    void aSlowKeycloakTimesOutWithTheProblemInsteadOfKeepingTheCallerWaiting() {
        keycloak = KeycloakAdminStub.server.stubFor(countOfThisTenant()
                .willReturn(aResponse()
                        .withFixedDelay(4_000)
                        .withHeader("Content-Type", "application/json")
                        .withBody("0")));
        long started = System.nanoTime();
        assertProblem(listPeople(), 503);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        // Keycloak would answer (200) after 4 s; each of the three attempts gives up after 3 s.
        assertThat(took).isBetween(Duration.ofSeconds(9), Duration.ofSeconds(12));
    }
}
