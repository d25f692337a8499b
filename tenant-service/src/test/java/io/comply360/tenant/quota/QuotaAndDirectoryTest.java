package io.comply360.tenant.quota;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.comply360.platform.testkit.ProblemAssertions.assertProblem;
import static io.comply360.platform.testkit.TestTokens.as;
import static io.comply360.tenant.KeycloakAdminStub.REALM;
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

    private Response people(String role) {
        return as(service()).queryParam("role", role).get("/internal/tenants/" + agency.id() + "/users");
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
    void servicesListTheEnabledPeopleOfATenantWhoHoldARole() {
        String first = invite("agent").path("id");
        String second = invite("agent").path("id");
        String away = invite("agent").path("id");
        String assistant = invite("agent_assistant").path("id");
        Response off = as(TestTokens.token("tenant_admin", agency.id())).post("/api/v1/users/" + away + "/deactivate");
        assertThat(off.statusCode()).as(off.asString()).isEqualTo(200);
        TestTenant other = Fixtures.newTenant();
        await().atMost(Duration.ofSeconds(30)).until(() -> "active".equals(Fixtures.status(other.id())));
        String theirs = as(TestTokens.token("tenant_admin", other.id()))
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "email",
                        "theirs-" + UUID.randomUUID() + "@example.test",
                        "firstName",
                        "Their",
                        "lastName",
                        "Agent",
                        "roles",
                        List.of("agent")))
                .post("/api/v1/users")
                .path("id");

        Response agents = people("agent");
        assertThat(agents.statusCode()).as(agents.asString()).isEqualTo(200);
        assertThat(agents.jsonPath().getList("id", String.class))
                .containsExactlyInAnyOrder(first, second)
                .doesNotContain(away, assistant, theirs);
        Map<String, Object> agent = agents.jsonPath().getMap("find { it.id == '" + first + "' }");
        assertThat(agent)
                .containsOnlyKeys("id", "firstName", "lastName", "email", "phone", "locale", "enabled", "roles")
                .containsEntry("firstName", "Pat")
                .containsEntry("lastName", "Person")
                .containsEntry("enabled", true)
                .containsEntry("roles", List.of("agent"));
        assertThat((String) agent.get("email")).endsWith("@example.test");

        assertThat(people("agent_assistant").jsonPath().getList("id", String.class))
                .containsExactly(assistant);
        Response admins = people("tenant_admin");
        assertThat(admins.jsonPath().getList("email", String.class))
                .as("the first admin, provisioned with the tenant")
                .containsExactly("admin@" + agency.slug() + ".test");
        assertThat(as(service())
                        .get("/internal/tenants/" + other.id() + "/users?role=agent")
                        .jsonPath()
                        .getList("id", String.class))
                .containsExactly(theirs);
    }

    @Test
    void peopleByRoleNeedATenantRoleAndAKnownTenant() {
        assertProblem(as(service()).get("/internal/tenants/" + agency.id() + "/users"), 400, "role");
        assertProblem(people("service"), 422, "role");
        assertProblem(people("platform_admin"), 422, "role");
        assertProblem(people("Agent"), 422, "role");
        assertProblem(as(service()).get("/internal/tenants/" + UUID.randomUUID() + "/users?role=agent"), 404);
    }

    @Test
    void peopleByRoleAreReadPageByPageAndAtMost500AreAnswered() {
        // Keycloak answers the tenant's accounts 100 at a time; the first page also holds a disabled agent, an
        // assistant and an account of another tenant (whatever matched the search, only this tenant's count).
        String query = "tenant_id:" + agency.id();
        for (int page = 0; page <= 6; page++) {
            StringBuilder users = new StringBuilder("[");
            for (int i = 0; i < 100; i++) {
                String id = "paged-agent-" + (page * 100 + i);
                String tenant = agency.id().toString();
                boolean enabled = true;
                if (page == 0 && i == 10) {
                    id = "paged-assistant-10";
                } else if (page == 0 && i == 20) {
                    enabled = false;
                } else if (page == 0 && i == 30) {
                    tenant = UUID.randomUUID().toString();
                }
                users.append(i == 0 ? "" : ",").append("""
                        {"id":"%s","username":"%s@example.test","email":"%s@example.test","firstName":"Paged",
                         "lastName":"Person","enabled":%s,"attributes":{"tenant_id":["%s"],"locale":["af"]}}""".formatted(id, id, id, enabled, tenant));
            }
            KeycloakAdminStub.server.stubFor(get(urlPathEqualTo(REALM + "/users"))
                    .atPriority(1)
                    .withQueryParam("q", equalTo(query))
                    .withQueryParam("first", equalTo(Integer.toString(page * 100)))
                    .willReturn(okJson(users.append("]").toString())));
        }
        KeycloakAdminStub.server.stubFor(get(urlPathMatching(REALM + "/users/paged-agent-[0-9]+/role-mappings/realm"))
                .atPriority(1)
                .willReturn(okJson("[{\"id\":\"role-agent\",\"name\":\"agent\"}]")));
        KeycloakAdminStub.server.stubFor(get(urlPathEqualTo(REALM + "/users/paged-assistant-10/role-mappings/realm"))
                .atPriority(1)
                .willReturn(okJson("[{\"id\":\"role-agent_assistant\",\"name\":\"agent_assistant\"}]")));

        Response agents = people("agent");
        assertThat(agents.statusCode()).as(agents.asString()).isEqualTo(200);
        List<String> ids = agents.jsonPath().getList("id", String.class);
        assertThat(ids).hasSize(500).doesNotHaveDuplicates().doesNotContain("paged-agent-20", "paged-agent-30");
        assertThat(ids.get(0)).isEqualTo("paged-agent-0");
        assertThat(ids.get(499))
                .as("97 of the first page, 403 of the next five")
                .isEqualTo("paged-agent-502");
        assertThat(agents.jsonPath().getString("[0].locale")).isEqualTo("af");
        KeycloakAdminStub.server.verify(
                1, getRequestedFor(urlPathEqualTo(REALM + "/users")).withQueryParam("first", equalTo("500")));
        KeycloakAdminStub.server.verify(
                0, getRequestedFor(urlPathEqualTo(REALM + "/users")).withQueryParam("first", equalTo("600")));
        KeycloakAdminStub.server.verify(
                0, getRequestedFor(urlPathEqualTo(REALM + "/users/paged-agent-20/role-mappings/realm")));
    }

    @Test
    void whenKeycloakDoesNotAnswerPeopleByRoleAre503() {
        KeycloakAdminStub.server.stubFor(get(urlPathEqualTo(REALM + "/users"))
                .atPriority(1)
                .withQueryParam("q", equalTo("tenant_id:" + agency.id()))
                .willReturn(aResponse().withStatus(503)));
        assertProblem(people("agent"), 503);
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
        RoleMatrixRunner.forRoute("GET", "/internal/tenants/{id}/users")
                .own(agency)
                .run(caller -> as(caller.token()).get("/internal/tenants/" + agency.id() + "/users?role=agent"));
    }
}
