package io.comply360.tenant.users;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.comply360.platform.testkit.ProblemAssertions.assertProblem;
import static io.comply360.platform.testkit.TestTokens.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.stubbing.StubMapping;

import io.comply360.platform.testkit.TestDatabase;
import io.comply360.platform.testkit.TestTenant;
import io.comply360.platform.testkit.TestTokens;
import io.comply360.tenant.Fixtures;
import io.comply360.tenant.KeycloakAdminStub;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Changes to an agency's people against the agents quota and against faults: a change is recorded (audit entry and
 * event) if and only if it took effect in Keycloak, and one agency's changes are serialised so the quota holds.
 */
@QuarkusTest
class PeopleChangesTest {

    private static final String REALM = KeycloakAdminStub.REALM;

    @Inject
    PeopleChangeRecovery recovery;

    private TestTenant agency;
    private String admin;

    @BeforeEach
    void aStarterAgencyWithItsAdmin() {
        KeycloakAdminStub.reset();
        agency = Fixtures.newTenant();
        await().atMost(Duration.ofSeconds(30)).until(() -> "active".equals(Fixtures.status(agency.id())));
        admin = TestTokens.builder()
                .roles("tenant_admin")
                .tenant(agency.id())
                .subject(UUID.randomUUID().toString())
                .build();
    }

    private static String email() {
        return "person-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
    }

    private Response invite(String email, String firstName, String key, String... roles) {
        var request = as(admin)
                .contentType(ContentType.JSON)
                .body(Map.of("email", email, "firstName", firstName, "lastName", "Agent", "roles", List.of(roles)));
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return request.post("/api/v1/users");
    }

    private String invited(String... roles) {
        Response response = invite(email(), "Nandi", null, roles);
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(201);
        return response.path("id");
    }

    private List<String> auditActions() {
        return as(admin)
                .queryParam("limit", 200)
                .get("/api/v1/audit-log")
                .jsonPath()
                .getList("items.action");
    }

    private long audited(String action) {
        return auditActions().stream().filter(action::equals).count();
    }

    @Test
    void theAgentsQuotaHoldsThroughInviteDeactivateInviteAndReactivate() {
        List<String> agents = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            agents.add(invited("agent"));
        }
        assertProblem(invite(email(), "Sixth", null, "agent"), 403, "agents");
        assertThat(as(admin)
                        .post("/api/v1/users/" + agents.get(0) + "/deactivate")
                        .statusCode())
                .isEqualTo(200);
        invited("agent");
        // Coming back would make six active agents on a tier of five.
        assertProblem(as(admin).post("/api/v1/users/" + agents.get(0) + "/reactivate"), 403, "agents");
        assertThat(as(admin).get("/api/v1/users/" + agents.get(0)).jsonPath().getBoolean("enabled"))
                .isFalse();
        // Nor may an assistant be made an agent, while a tenant admin (not an agent) still may be invited.
        String assistant = invited("agent_assistant");
        assertProblem(
                as(admin)
                        .contentType(ContentType.JSON)
                        .body(Map.of("roles", List.of("agent")))
                        .put("/api/v1/users/" + assistant + "/roles"),
                403,
                "agents");
        invited("tenant_admin");
        assertThat(audited("user.deactivated")).isEqualTo(1);
        assertThat(audited("user.updated"))
                .as("refused changes are not recorded")
                .isZero();
    }

    @Test
    void concurrentInvitesForTheLastAgentPlaceLetExactlyOneThrough() throws Exception {
        for (int i = 0; i < 4; i++) {
            invited("agent");
        }
        List<CompletableFuture<Response>> both = List.of(
                CompletableFuture.supplyAsync(() -> invite(email(), "First", null, "agent")),
                CompletableFuture.supplyAsync(() -> invite(email(), "Second", null, "agent")));
        List<Integer> statuses = new ArrayList<>();
        List<String> bodies = new ArrayList<>();
        for (CompletableFuture<Response> invite : both) {
            statuses.add(invite.get().statusCode());
            bodies.add(invite.get().asString());
        }
        assertThat(statuses).as("answers %s", bodies).containsExactlyInAnyOrder(201, 403);
        assertThat(as(admin).queryParam("limit", 200).get("/api/v1/users").jsonPath().getList("items.roles").stream()
                        .filter(roles -> ((List<?>) roles).contains("agent"))
                        .count())
                .isEqualTo(5);
    }

    @Test
    void anInviteWhoseMailFailsIsNotRecordedUntilItsRetryCompletesItWithTheSameAccount() throws Exception {
        String email = email();
        String key = UUID.randomUUID().toString();
        StubMapping mailDown =
                KeycloakAdminStub.server.stubFor(put(urlPathMatching(REALM + "/users/[^/]+/execute-actions-email"))
                        .atPriority(1)
                        .willReturn(aResponse().withStatus(503)));
        assertProblem(invite(email, "Nandi", key, "agent"), 503);
        KeycloakAdminStub.server.verify(
                1,
                postRequestedFor(urlPathEqualTo(REALM + "/users"))
                        .withRequestBody(matchingJsonPath("$.email", equalTo(email))));
        assertThat(audited("user.invited"))
                .as("not recorded while it has not taken effect")
                .isZero();
        assertThat(Fixtures.written(agency.id(), "tenant.user_invited")).isEmpty();

        KeycloakAdminStub.server.removeStub(mailDown);
        Response retried = invite(email, "Nandi", key, "agent");
        assertThat(retried.statusCode()).as(retried.asString()).isEqualTo(201);
        KeycloakAdminStub.server.verify(
                1,
                postRequestedFor(urlPathEqualTo(REALM + "/users"))
                        .withRequestBody(matchingJsonPath("$.email", equalTo(email))));
        // Asked twice: the first time Keycloak could not send it.
        KeycloakAdminStub.server.verify(
                2, putRequestedFor(urlPathEqualTo(REALM + "/users/" + retried.path("id") + "/execute-actions-email")));
        assertThat(audited("user.invited")).isEqualTo(1);
        assertThat(Fixtures.written(agency.id(), "tenant.user_invited")).hasSize(1);
        // The same key once more: the stored answer, nothing new.
        Response replayed = invite(email, "Nandi", key, "agent");
        assertThat(replayed.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replayed.path("id").toString()).isEqualTo(retried.path("id").toString());
    }

    @Test
    void aCommitLostAfterKeycloakIsResumedByTheRetryWithoutASecondAccountOrMail() throws Exception {
        String email = email();
        String key = UUID.randomUUID().toString();
        try (Connection owner = TestDatabase.asOwner();
                Statement st = owner.createStatement()) {
            st.execute("""
                    create or replace function test_lose_commit() returns trigger language plpgsql as $$
                    begin raise exception 'injected: the database went away'; end $$""");
            st.execute("""
                    create trigger test_lose_commit before update on people_changes for each row
                    when (old.first_name = 'Faulty' and new.state = 'done') execute function test_lose_commit()""");
        }
        Response lost;
        try {
            lost = invite(email, "Faulty", key, "agent");
        } finally {
            try (Connection owner = TestDatabase.asOwner();
                    Statement st = owner.createStatement()) {
                st.execute("drop trigger test_lose_commit on people_changes");
                st.execute("drop function test_lose_commit()");
            }
        }
        assertThat(lost.statusCode()).isGreaterThanOrEqualTo(500);
        assertThat(audited("user.invited")).isZero();
        assertThat(Fixtures.written(agency.id(), "tenant.user_invited")).isEmpty();

        Response resumed = invite(email, "Faulty", key, "agent");
        assertThat(resumed.statusCode()).as(resumed.asString()).isEqualTo(201);
        KeycloakAdminStub.server.verify(
                1,
                postRequestedFor(urlPathEqualTo(REALM + "/users"))
                        .withRequestBody(matchingJsonPath("$.email", equalTo(email))));
        KeycloakAdminStub.server.verify(
                1, putRequestedFor(urlPathEqualTo(REALM + "/users/" + resumed.path("id") + "/execute-actions-email")));
        assertThat(audited("user.invited")).isEqualTo(1);
        assertThat(Fixtures.written(agency.id(), "tenant.user_invited")).hasSize(1);
    }

    @Test
    void anInviteNobodyRetriedIsCompletedByTheRecoveryJobOnceItsAccountExists() throws Throwable {
        String email = email();
        StubMapping mailDown =
                KeycloakAdminStub.server.stubFor(put(urlPathMatching(REALM + "/users/[^/]+/execute-actions-email"))
                        .atPriority(1)
                        .willReturn(aResponse().withStatus(503)));
        assertProblem(invite(email, "Nandi", null, "agent"), 503);
        KeycloakAdminStub.server.removeStub(mailDown);
        ageThePendingChanges();
        settleStaleChanges();
        assertThat(audited("user.invited")).isEqualTo(1);
        String id =
                as(admin).get("/api/v1/users").jsonPath().getString("items.find { it.email == '" + email + "' }.id");
        // The mail Keycloak could not send, then the one the job asked for.
        KeycloakAdminStub.server.verify(
                2, putRequestedFor(urlPathEqualTo(REALM + "/users/" + id + "/execute-actions-email")));
    }

    @Test
    void anInviteWhoseAccountWasNeverCreatedIsDroppedNotCarriedOutLater() throws Throwable {
        StubMapping keycloakDown = KeycloakAdminStub.server.stubFor(post(urlPathEqualTo(REALM + "/users"))
                .atPriority(1)
                .willReturn(aResponse().withFixedDelay(100).withStatus(503)));
        String email = email();
        assertProblem(invite(email, "Nandi", null, "agent"), 503);
        KeycloakAdminStub.server.removeStub(keycloakDown);
        ageThePendingChanges();
        settleStaleChanges();
        KeycloakAdminStub.server.verify(
                1,
                postRequestedFor(urlPathEqualTo(REALM + "/users"))
                        .withRequestBody(matchingJsonPath("$.email", equalTo(email))));
        assertThat(audited("user.invited")).isZero();
        // Settled: the next change does not meet it again.
        invited("agent");
        assertThat(audited("user.invited")).isEqualTo(1);
    }

    @Test
    void namesAndAddressesKeycloakWouldRefuseAre422NamingTheField() {
        assertProblem(invite(email(), "Nandi <script>", null, "agent"), 422, "firstName");
        String email = "ñandi@example.test";
        KeycloakAdminStub.server.stubFor(
                post(urlPathEqualTo(REALM + "/users"))
                        .atPriority(1)
                        .withRequestBody(matchingJsonPath("$.email", equalTo(email)))
                        .willReturn(
                                aResponse()
                                        .withStatus(400)
                                        .withHeader("Content-Type", "application/json")
                                        .withBody(
                                                "{\"field\":\"email\",\"errorMessage\":\"error-non-ascii-local-part-email\",\"params\":[\"email\"]}")));
        String key = UUID.randomUUID().toString();
        Response refused = invite(email, "Nandi", key, "agent");
        assertProblem(refused, 422, "email");
        assertThat(refused.jsonPath().getString("errors[0].message")).contains("ASCII");
        assertThat(audited("user.invited")).isZero();
        // The key was freed: the corrected request may use it.
        assertThat(invite(email(), "Nandi", key, "agent").statusCode()).isEqualTo(201);
    }

    @Test
    void aRoleChangeKeycloakFailedHalfWayIsRecordedOnlyWhenItTookEffect() throws Exception {
        String agent = invited("agent");
        StubMapping down = KeycloakAdminStub.server.stubFor(
                post(urlPathMatching(REALM + "/users/" + agent + "/role-mappings/realm"))
                        .atPriority(1)
                        .willReturn(aResponse().withStatus(503)));
        // agent → tenant_admin: the agent role is removed, then adding tenant_admin fails.
        assertProblem(
                as(admin)
                        .contentType(ContentType.JSON)
                        .body(Map.of("roles", List.of("tenant_admin")))
                        .put("/api/v1/users/" + agent + "/roles"),
                503);
        assertThat(audited("user.updated")).isZero();
        KeycloakAdminStub.server.removeStub(down);
        // Half of it took effect: the agency's next change finishes and records it first.
        invited("agent_assistant");
        assertThat(as(admin).get("/api/v1/users/" + agent).jsonPath().getList("roles"))
                .containsExactly("tenant_admin");
        assertThat(audited("user.updated")).isEqualTo(1);
    }

    /** Runs the recovery job as the scheduler does, on a Vert.x context. */
    private void settleStaleChanges() throws Throwable {
        io.quarkus.vertx.VertxContextSupport.subscribeAndAwait(() -> recovery.settleStaleChanges());
    }

    /** Makes the agency's pending changes look abandoned (older than the recovery job's two minutes). */
    private void ageThePendingChanges() throws Exception {
        try (Connection app = TestDatabase.asApp()) {
            app.setAutoCommit(false);
            try (Statement st = app.createStatement()) {
                st.execute("select set_config('app.tenant_id', '" + agency.id() + "', true)");
                st.executeUpdate(
                        "update people_changes set requested_at = now() - interval '5 minutes' where state = 'pending'");
            }
            app.commit();
        }
    }
}
