package io.comply360.tenant.tenants;

import static io.comply360.platform.testkit.ProblemAssertions.assertProblem;
import static io.comply360.platform.testkit.TestTokens.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.comply360.platform.testkit.EventSchemas;
import io.comply360.platform.testkit.RoleMatrixRunner;
import io.comply360.platform.testkit.TestDatabase;
import io.comply360.platform.testkit.TestTenant;
import io.comply360.platform.testkit.TestTokens;
import io.comply360.tenant.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** Suspending, reactivating and closing tenants, and the audit trail every admin action leaves. */
@QuarkusTest
class TenantLifecycleTest {

    private static TestTenant activeTenant() {
        TestTenant tenant = Fixtures.newTenant();
        await().atMost(Duration.ofSeconds(30)).until(() -> "active".equals(Fixtures.status(tenant.id())));
        return tenant;
    }

    private static Response act(UUID id, String action, String reason) {
        RequestSpecification request = as(Fixtures.platformAdmin());
        if (reason != null) {
            request = request.contentType(ContentType.JSON).body(Map.of("reason", reason));
        }
        return request.post("/api/v1/tenants/" + id + "/" + action);
    }

    private static Response auditLog(TestTenant tenant) {
        return as(TestTokens.token("tenant_admin", tenant.id())).get("/api/v1/audit-log");
    }

    @Test
    void aSuspendedTenantIsAnnouncedAuditedAndNoLongerActiveUntilReactivated() throws Exception {
        TestTenant tenant = activeTenant();
        Response suspended = act(tenant.id(), "suspend", "Unpaid invoices since September");
        assertThat(suspended.statusCode()).as(suspended.asString()).isEqualTo(200);
        assertThat(suspended.jsonPath().getString("status")).isEqualTo("suspended");
        assertThat(as(TestTokens.token("service", null))
                        .get("/internal/tenants/by-slug/" + tenant.slug())
                        .jsonPath()
                        .getString("status"))
                .isEqualTo("suspended");
        var event = Fixtures.written(tenant.id(), "tenant.suspended");
        assertThat(event).hasSize(1);
        EventSchemas.assertValid(event.get(0).event());
        assertThat(event.get(0).event().path("data").path("previousStatus").asText())
                .isEqualTo("active");

        Response reactivated = act(tenant.id(), "reactivate", null);
        assertThat(reactivated.jsonPath().getString("status")).isEqualTo("active");
        var updated = Fixtures.written(tenant.id(), "tenant.updated").get(0).event();
        EventSchemas.assertValid(updated);
        assertThat(updated.path("data").has("changed"))
                .as("a status change names no settings")
                .isFalse();

        Response trail = auditLog(tenant);
        assertThat(trail.statusCode()).isEqualTo(200);
        assertThat(trail.jsonPath().getList("items.action"))
                .containsSubsequence("tenant.active", "tenant.suspended", "tenant.provisioned");
        assertThat(trail.jsonPath().getString("items.find { it.action == 'tenant.suspended' }.detail.reason"))
                .isEqualTo("Unpaid invoices since September");
        assertThat(trail.jsonPath().getString("items.find { it.action == 'tenant.suspended' }.actorRole"))
                .isEqualTo("platform_admin");
    }

    @Test
    void onlyTheTransitionsOfATenantsLifeAreAllowed() {
        TestTenant tenant = activeTenant();
        assertProblem(act(tenant.id(), "reactivate", null), 409);
        assertProblem(act(tenant.id(), "suspend", " "), 422, "reason");
        assertProblem(
                as(Fixtures.platformAdmin())
                        .contentType(ContentType.JSON)
                        .post("/api/v1/tenants/" + tenant.id() + "/suspend"),
                400,
                "body");
        assertThat(act(tenant.id(), "close", "The agency stopped trading")
                        .jsonPath()
                        .getString("status"))
                .isEqualTo("closed");
        assertProblem(act(tenant.id(), "reactivate", null), 409);
        assertProblem(act(tenant.id(), "suspend", "again"), 409);
        assertProblem(act(UUID.randomUUID(), "suspend", "nobody"), 404);
    }

    @Test
    void theAuditTrailRecordsTheAgencysOwnAdminActionsAndNoOneCanRewriteIt() throws Exception {
        TestTenant tenant = activeTenant();
        String admin = TestTokens.token("tenant_admin", tenant.id());
        as(admin)
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "email",
                        "p-" + UUID.randomUUID() + "@example.test",
                        "firstName",
                        "Pat",
                        "lastName",
                        "Person",
                        "roles",
                        List.of("agent")))
                .post("/api/v1/users")
                .then()
                .statusCode(201);
        as(admin)
                .header("If-Match", "\"0\"")
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "displayName",
                        "Audited Agency",
                        "defaultLocale",
                        "en",
                        "timeZone",
                        "Africa/Johannesburg",
                        "primaryColour",
                        "#112233"))
                .put("/api/v1/settings")
                .then()
                .statusCode(200);

        List<String> actions = auditLog(tenant).jsonPath().getList("items.action");
        assertThat(actions).contains("user.invited", "settings.replaced", "tenant.provisioned");
        assertThat(auditLog(tenant).asString())
                .as("no personal data in the trail")
                .doesNotContain("@example.test");

        try (Connection app = TestDatabase.asApp()) {
            try (PreparedStatement st = app.prepareStatement("select set_config('app.tenant_id', ?, false)")) {
                st.setString(1, tenant.id().toString());
                st.execute();
            }
            assertThatThrownBy(() ->
                            app.createStatement().executeUpdate("update audit_log set action = 'nothing happened'"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("permission denied");
            assertThatThrownBy(() -> app.createStatement().executeUpdate("delete from audit_log"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("permission denied");
        }
    }

    @Test
    void roleMatrixForATenantsLifeAndItsAuditTrail() {
        TestTenant tenant = activeTenant();
        UUID unknown = UUID.randomUUID();
        for (String action : List.of("suspend", "close")) {
            RoleMatrixRunner.forRoute("POST", "/api/v1/tenants/{id}/" + action)
                    .own(tenant)
                    .successStatus(404)
                    .run(caller -> as(caller.token())
                            .contentType(ContentType.JSON)
                            .body(Map.of("reason", "matrix"))
                            .post("/api/v1/tenants/" + unknown + "/" + action));
        }
        RoleMatrixRunner.forRoute("POST", "/api/v1/tenants/{id}/reactivate")
                .own(tenant)
                .successStatus(404)
                .run(caller -> as(caller.token()).post("/api/v1/tenants/" + unknown + "/reactivate"));
        // Each agency's admin reads their own trail: another agency's admin gets theirs, never this one.
        RoleMatrixRunner.forRoute("GET", "/api/v1/audit-log")
                .own(tenant)
                .foreignStatus(200)
                .run(caller -> as(caller.token()).get("/api/v1/audit-log"));
        assertThat(as(TestTokens.token("tenant_admin", UUID.randomUUID()))
                        .get("/api/v1/audit-log")
                        .jsonPath()
                        .getInt("total"))
                .isZero();
    }
}
