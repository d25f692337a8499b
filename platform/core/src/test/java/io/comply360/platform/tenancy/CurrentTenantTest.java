package io.comply360.platform.tenancy;

import static io.comply360.platform.testkit.ProblemAssertions.assertProblem;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.comply360.platform.testkit.TestTokens;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class CurrentTenantTest {

    private final UUID tenant = UUID.randomUUID();

    @Test
    void tenantAndUserComeFromTheVerifiedToken() {
        String token = TestTokens.builder()
                .roles("agent")
                .tenant(tenant)
                .subject("user-1")
                .build();
        var response = given().auth().oauth2(token).get("/probe/me");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.jsonPath().getString("tenant")).isEqualTo(tenant.toString());
        assertThat(response.jsonPath().getString("user")).isEqualTo("user-1");
    }

    @Test
    void noTokenIs401WithBearerChallenge() {
        var response = given().get("/probe/me");
        assertProblem(response, 401);
        assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
    }

    @Test
    void expiredTokenIs401() {
        assertProblem(
                given().auth()
                        .oauth2(TestTokens.builder()
                                .roles("agent")
                                .tenant(tenant)
                                .expired()
                                .build())
                        .get("/probe/me"),
                401);
    }

    @Test
    void tokenForAnotherAudienceIs401() {
        assertProblem(
                given().auth()
                        .oauth2(TestTokens.builder()
                                .roles("agent")
                                .tenant(tenant)
                                .audience("account")
                                .build())
                        .get("/probe/me"),
                401);
    }

    @Test
    void tokenSignedByAnUnknownKeyIs401() {
        assertProblem(
                given().auth()
                        .oauth2(TestTokens.builder()
                                .roles("agent")
                                .tenant(tenant)
                                .signedByStranger()
                                .build())
                        .get("/probe/me"),
                401);
    }

    @Test
    void tokenOfAnotherRealmIs401() {
        assertProblem(
                given().auth()
                        .oauth2(TestTokens.builder()
                                .roles("agent")
                                .tenant(tenant)
                                .issuer("http://127.0.0.1:1/realms/other")
                                .build())
                        .get("/probe/me"),
                401);
    }

    @Test
    void roleNotAllowedIs403() {
        assertProblem(
                given().auth()
                        .oauth2(TestTokens.token("agent_assistant", tenant))
                        .get("/probe/me"),
                403);
    }

    @Test
    void tokenWithoutTenantIs403OnTenantEndpoints() {
        assertProblem(given().auth().oauth2(TestTokens.token("agent", null)).get("/probe/me"), 403);
    }
}
