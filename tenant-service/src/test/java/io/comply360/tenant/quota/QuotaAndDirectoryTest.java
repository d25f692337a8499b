package io.comply360.tenant.quota;

import static io.comply360.platform.testkit.ProblemAssertions.assertProblem;
import static io.comply360.platform.testkit.TestTokens.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.comply360.platform.testkit.RoleMatrixRunner;
import io.comply360.platform.testkit.TestTenant;
import io.comply360.platform.testkit.TestTokens;
import io.comply360.tenant.Fixtures;
import io.comply360.tenant.KeycloakAdminStub;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** Quotas per tier, and what services read about tenants and their people through /internal. */
@QuarkusTest
class QuotaAndDirectoryTest {

    private TestTenant agency;

    @BeforeEach
    void aStarterAgency() {
        KeycloakAdminStub.reset();
        agency = Fixtures.newTenant();
        await().atMost(Duration.ofSeconds(30)).until(() -> "active".equals(Fixtures.status(agency.id())));
    }

    private static String service() {
        return TestTokens.token("service", null);
    }

    private Response check(String quota, long current, long adding) {
        return as(service())
                .contentType(ContentType.JSON)
                .body(Map.of("tenantId", agency.id(), "quota", quota, "current", current, "adding", adding))
                .post("/internal/quotas/check");
    }

    private Response invite(String role) {
        return as(TestTokens.token("tenant_admin", agency.id()))
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "email",
                        "p-" + UUID.randomUUID() + "@example.test",
                        "firstName",
                        "Pat",
                        "lastName",
                        "Person",
                        "roles",
                        List.of(role)))
                .post("/api/v1/users");
    }

    @Test
    void anAgencyAdminSeesTheLimitsOfTheirTier() {
        Response quotas = as(TestTokens.token("tenant_admin", agency.id())).get("/api/v1/quotas");
        assertThat(quotas.statusCode()).isEqualTo(200);
        assertThat(quotas.jsonPath().getString("tier")).isEqualTo("starter");
        assertThat(quotas.jsonPath().getLong("limits.agents")).isEqualTo(5);
        assertThat(quotas.jsonPath().getLong("limits.'registrations-per-month'"))
                .isEqualTo(50);
    }

    @Test
    void servicesAreToldWhatRemainsOrGetA403NamingTheQuota() {
        Response allowed = check("registrations-per-month", 48, 1);
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.jsonPath().getLong("remaining")).isEqualTo(1);
        Response over = check("registrations-per-month", 50, 1);
        assertProblem(over, 403, "registrations-per-month");
        assertThat(over.jsonPath().getString("detail"))
                .contains("registrations-per-month")
                .contains("50");
        assertProblem(check("parking-spaces", 0, 1), 422, "quota");
        assertProblem(check("agents", -1, 0), 422, "current", "adding");
        assertProblem(
                as(service())
                        .contentType(ContentType.JSON)
                        .body(Map.of("tenantId", UUID.randomUUID(), "quota", "agents", "current", 0, "adding", 1))
                        .post("/internal/quotas/check"),
                404);
    }

    @Test
    void invitingAnAgentBeyondTheTiersAgentsIs403NamingTheQuota() {
        for (int i = 0; i < 5; i++) {
            assertThat(invite("agent").statusCode()).isEqualTo(201);
        }
        assertProblem(invite("agent"), 403, "agents");
        assertThat(invite("agent_assistant").statusCode())
                .as("assistants are not counted")
                .isEqualTo(201);
    }

    @Test
    void servicesReadATenantWithItsBrandingAndHowToReachItsPeople() {
        Response tenant = as(service()).get("/internal/tenants/" + agency.id());
        assertThat(tenant.statusCode()).isEqualTo(200);
        assertThat(tenant.jsonPath().getString("status")).isEqualTo("active");
        assertThat(tenant.jsonPath().getString("branding.displayName")).isEqualTo("Test Agency (Pty) Ltd");
        assertThat(tenant.jsonPath().getString("branding.defaultLocale")).isEqualTo("en");
        assertThat(as(service())
                        .get("/internal/tenants/by-slug/" + agency.slug())
                        .jsonPath()
                        .getString("branding.primaryColour"))
                .matches("#[0-9A-F]{6}");

        String id = invite("agent").path("id");
        Response person = as(service()).get("/internal/tenants/" + agency.id() + "/users/" + id);
        assertThat(person.statusCode()).isEqualTo(200);
        assertThat(person.jsonPath().getString("firstName")).isEqualTo("Pat");
        assertThat(person.jsonPath().getString("email")).endsWith("@example.test");
        assertThat(person.jsonPath().getList("roles")).containsExactly("agent");
        assertProblem(as(service()).get("/internal/tenants/" + UUID.randomUUID() + "/users/" + id), 404);
    }

    @Test
    void roleMatrixForQuotasAndTheInternalDirectory() {
        RoleMatrixRunner.forRoute("GET", "/api/v1/quotas")
                .own(agency)
                .foreignStatus(404)
                .run(caller -> as(caller.token()).get("/api/v1/quotas"));
        RoleMatrixRunner.forRoute("GET", "/internal/tenants/{id}")
                .own(agency)
                .run(caller -> as(caller.token()).get("/internal/tenants/" + agency.id()));
        RoleMatrixRunner.forRoute("POST", "/internal/quotas/check")
                .own(agency)
                .run(caller -> as(caller.token())
                        .contentType(ContentType.JSON)
                        .body(Map.of("tenantId", agency.id(), "quota", "agents", "current", 0, "adding", 1))
                        .post("/internal/quotas/check"));
        String id = invite("agent_assistant").path("id");
        RoleMatrixRunner.forRoute("GET", "/internal/tenants/{id}/users/{userId}")
                .own(agency)
                .run(caller -> as(caller.token()).get("/internal/tenants/" + agency.id() + "/users/" + id));
    }
}
