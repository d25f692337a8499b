package io.comply360.tenant.users;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.comply360.platform.testkit.ProblemAssertions.assertProblem;
import static io.comply360.platform.testkit.TestTokens.as;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.comply360.platform.testkit.EventSchemas;
import io.comply360.platform.testkit.RoleMatrixRunner;
import io.comply360.platform.testkit.TestTenant;
import io.comply360.platform.testkit.TestTokens;
import io.comply360.tenant.Fixtures;
import io.comply360.tenant.KeycloakAdminStub;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** The people of an agency, managed by its tenant admins through Keycloak (WireMock with a memory here). */
@QuarkusTest
class UserResourceTest {

    private static final String REALM = KeycloakAdminStub.REALM;

    private TestTenant agency;
    private String admin;
    private String adminId;

    @BeforeEach
    void anAgencyWithAnAdmin() {
        KeycloakAdminStub.reset();
        agency = Fixtures.newTenant();
        // Its provisioning creates its first admin in Keycloak; the tests count their own calls after that.
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(30))
                .until(() -> "active".equals(Fixtures.status(agency.id())));
        KeycloakAdminStub.server.resetRequests();
        adminId = UUID.randomUUID().toString();
        admin = TestTokens.builder()
                .roles("tenant_admin")
                .tenant(agency.id())
                .subject(adminId)
                .build();
    }

    private static Map<String, Object> invitation(String email, String... roles) {
        return Map.of("email", email, "firstName", "Nandi", "lastName", "Agent", "roles", List.of(roles));
    }

    private Response invite(Map<String, Object> body) {
        return as(admin).contentType(ContentType.JSON).body(body).post("/api/v1/users");
    }

    private String invited(String email, String... roles) {
        Response response = invite(invitation(email, roles));
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(201);
        return response.path("id");
    }

    private static String email() {
        return "person-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
    }

    @Test
    void invitingCreatesTheAccountInTheAgencyWithItsRolesAndMailsASetPasswordLink() throws Exception {
        String email = email();
        Response created = invite(invitation(email, "agent", "agent_assistant"));
        assertThat(created.statusCode()).isEqualTo(201);
        String id = created.path("id");
        assertThat(created.header("Location")).endsWith("/api/v1/users/" + id);
        assertThat(created.jsonPath().getList("roles")).containsExactly("agent", "agent_assistant");
        assertThat(created.jsonPath().getBoolean("invitationPending")).isTrue();
        assertThat(created.jsonPath().getBoolean("enabled")).isTrue();

        KeycloakAdminStub.server.verify(postRequestedFor(urlPathEqualTo(REALM + "/users"))
                .withRequestBody(matchingJsonPath("$.email", equalTo(email)))
                .withRequestBody(matchingJsonPath(
                        "$.attributes.tenant_id[0]", equalTo(agency.id().toString()))));
        KeycloakAdminStub.server.verify(
                putRequestedFor(urlPathEqualTo(REALM + "/users/" + id + "/execute-actions-email"))
                        .withQueryParam("redirect_uri", equalTo("http://" + agency.slug() + ".localhost:8080/portal")));

        List<Fixtures.Written> events = Fixtures.written(agency.id(), "tenant.user_invited");
        assertThat(events).hasSize(1);
        JsonNode event = events.get(0).event();
        EventSchemas.assertValid(event);
        assertThat(event.path("data").path("userId").asText()).isEqualTo(id);
        assertThat(event.path("data").path("changedBy").asText()).isEqualTo(adminId);
        assertThat(event.toString()).as("no personal data in events").doesNotContain(email);
    }

    @Test
    void anAddressThatHasAnAccountAnywhereIsRefusedNeutrallyAndThatAccountIsNotTouched() {
        String elsewhere = email();
        KeycloakAdminStub.existingUser(
                "other-agencys-person", elsewhere, UUID.randomUUID().toString());
        Response refused = invite(invitation(elsewhere, "agent"));
        assertProblem(refused, 409, "email");
        assertThat(refused.jsonPath().getString("detail")).isEqualTo("This email address cannot be invited");
        KeycloakAdminStub.server.verify(0, anyRequestedFor(urlPathMatching(REALM + "/users/other-agencys-person.*")));
        KeycloakAdminStub.server.verify(0, postRequestedFor(urlPathEqualTo(REALM + "/users")));

        String member = email();
        invited(member, "agent");
        assertProblem(invite(invitation(member, "agent")), 409, "email");
    }

    @Test
    void onlyTheAgencysOwnRolesCanBeGivenNeverPlatformAdmin() {
        assertProblem(invite(invitation(email(), "platform_admin")), 422, "roles[0]");
        assertProblem(invite(invitation(email(), "agent", "service")), 422, "roles[1]");
        assertProblem(invite(invitation(email())), 422, "roles");
        Map<String, Object> broken =
                Map.of("email", "nope", "firstName", " ", "lastName", "X", "roles", List.of("agent"));
        assertProblem(invite(broken), 422, "email", "firstName");
        String id = invited(email(), "agent");
        assertProblem(
                as(admin)
                        .contentType(ContentType.JSON)
                        .body(Map.of("roles", List.of("platform_admin")))
                        .put("/api/v1/users/" + id + "/roles"),
                422,
                "roles[0]");
        KeycloakAdminStub.server.verify(
                0,
                postRequestedFor(urlPathMatching(REALM + "/users/.*/role-mappings/realm"))
                        .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing("platform_admin")));
    }

    @Test
    void theSameInvitationSentTwiceWithOneKeyCreatesOneAccount() {
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = invitation(email(), "agent");
        Response first = as(admin)
                .header("Idempotency-Key", key)
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/users");
        Response again = as(admin)
                .header("Idempotency-Key", key)
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/users");
        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(again.statusCode()).isEqualTo(201);
        assertThat(again.path("id").toString()).isEqualTo(first.path("id").toString());
        KeycloakAdminStub.server.verify(1, postRequestedFor(urlPathEqualTo(REALM + "/users")));
    }

    @Test
    void theListShowsThisAgencysPeopleOnly() {
        String mine = invited(email(), "agent");
        TestTenant other = Fixtures.newTenant();
        String theirs = as(TestTokens.token("tenant_admin", other.id()))
                .contentType(ContentType.JSON)
                .body(invitation(email(), "agent"))
                .post("/api/v1/users")
                .path("id");

        Response list = as(admin).get("/api/v1/users");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.jsonPath().getList("items.email"))
                .containsExactlyInAnyOrder(
                        "admin@" + agency.slug() + ".test",
                        list.jsonPath().getString("items.find { it.id == '" + mine + "' }.email"));
        assertThat(list.jsonPath().getList("items.id")).contains(mine).doesNotContain(theirs);
        assertThat(list.jsonPath().getInt("total")).isEqualTo(2);
        assertThat(list.jsonPath().getList("items.find { it.email.startsWith('admin@') }.roles"))
                .containsExactly("tenant_admin");
        assertProblem(as(admin).get("/api/v1/users/" + theirs), 404);
    }

    @Test
    void rolesAreReplacedAndAnAdminCannotDemoteThemselves() {
        String id = invited(email(), "agent");
        Response changed = as(admin)
                .contentType(ContentType.JSON)
                .body(Map.of("roles", List.of("tenant_admin")))
                .put("/api/v1/users/" + id + "/roles");
        assertThat(changed.statusCode()).as(changed.asString()).isEqualTo(200);
        assertThat(changed.jsonPath().getList("roles")).containsExactly("tenant_admin");
        KeycloakAdminStub.server.verify(
                deleteRequestedFor(urlPathEqualTo(REALM + "/users/" + id + "/role-mappings/realm"))
                        .withRequestBody(equalToJson("[{\"id\":\"role-agent\",\"name\":\"agent\"}]")));

        assertProblem(
                as(admin)
                        .contentType(ContentType.JSON)
                        .body(Map.of("roles", List.of("agent")))
                        .put("/api/v1/users/" + adminId + "/roles"),
                409);
    }

    @Test
    void deactivatingKeepsTheWholeAccountAndOnlyDisablesItThenReactivatingEnablesIt() throws Exception {
        String id = invited(email(), "agent");
        Response off = as(admin).post("/api/v1/users/" + id + "/deactivate");
        assertThat(off.statusCode()).as(off.asString()).isEqualTo(200);
        assertThat(off.jsonPath().getBoolean("enabled")).isFalse();
        KeycloakAdminStub.server.verify(putRequestedFor(urlPathEqualTo(REALM + "/users/" + id))
                .withRequestBody(matchingJsonPath("$.enabled", equalTo("false")))
                .withRequestBody(matchingJsonPath(
                        "$.attributes.tenant_id[0]", equalTo(agency.id().toString())))
                .withRequestBody(matchingJsonPath("$.firstName", equalTo("Nandi"))));
        EventSchemas.assertValid(
                Fixtures.written(agency.id(), "tenant.user_deactivated").get(0).event());

        Response on = as(admin).post("/api/v1/users/" + id + "/reactivate");
        assertThat(on.jsonPath().getBoolean("enabled")).isTrue();
        assertThat(Fixtures.written(agency.id(), "tenant.user_updated")).hasSize(1);

        assertProblem(as(admin).post("/api/v1/users/" + adminId + "/deactivate"), 409);
    }

    @Test
    void aLargeAgencysPeopleAreListedWhateverTheSizeOfKeycloaksAnswer() {
        // Request bodies are capped at 256 KB; what Keycloak answers is not a request body.
        StringBuilder users = new StringBuilder("[");
        for (int i = 0; i < 1000; i++) {
            users.append(i == 0 ? "" : ",").append("""
                    {"id":"%s","username":"p%d@example.test","email":"p%d@example.test","firstName":"Person %d \\u0007",
                     "lastName":"Of A Large Agency With A Long Name","enabled":true,"attributes":{"tenant_id":["%s"]},
                     "createdTimestamp":1764633600000}""".formatted(UUID.randomUUID(), i, i, i, agency.id()));
        }
        String body = users.append("]").toString();
        assertThat(body.length()).isGreaterThan(256 * 1024);
        KeycloakAdminStub.server.stubFor(get(urlPathEqualTo(REALM + "/users"))
                .atPriority(1)
                .withQueryParam("q", equalTo("tenant_id:" + agency.id()))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody(body)));
        KeycloakAdminStub.server.stubFor(get(urlPathEqualTo(REALM + "/users/count"))
                .atPriority(1)
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody("1000")));
        Response list = as(admin).queryParam("limit", 200).get("/api/v1/users");
        assertThat(list.statusCode()).as(list.asString()).isEqualTo(200);
        assertThat(list.jsonPath().getInt("total")).isEqualTo(1000);
    }

    @Test
    void whenKeycloakDoesNotAnswerTheAnswerIs503() {
        KeycloakAdminStub.server.stubFor(get(urlPathEqualTo(REALM + "/users/count"))
                .atPriority(1)
                .willReturn(aResponse().withStatus(503)));
        Response response = as(admin).get("/api/v1/users");
        assertProblem(response, 503);
    }

    @Test
    void roleMatrixForThePeopleOfAnAgency() {
        String id = invited(email(), "agent");
        Map<String, Object> roles = Map.of("roles", List.of("agent"));
        RoleMatrixRunner.forRoute("GET", "/api/v1/users")
                .own(agency)
                .foreignStatus(200)
                .run(caller -> as(caller.token()).get("/api/v1/users"));
        RoleMatrixRunner.forRoute("GET", "/api/v1/users/{id}")
                .own(agency)
                .run(caller -> as(caller.token()).get("/api/v1/users/" + id));
        RoleMatrixRunner.forRoute("PUT", "/api/v1/users/{id}/roles")
                .own(agency)
                .run(caller -> as(caller.token())
                        .contentType(ContentType.JSON)
                        .body(roles)
                        .put("/api/v1/users/" + id + "/roles"));
        RoleMatrixRunner.forRoute("POST", "/api/v1/users/{id}/deactivate")
                .own(agency)
                .run(caller -> as(caller.token()).post("/api/v1/users/" + id + "/deactivate"));
        RoleMatrixRunner.forRoute("POST", "/api/v1/users/{id}/reactivate")
                .own(agency)
                .run(caller -> as(caller.token()).post("/api/v1/users/" + id + "/reactivate"));
        RoleMatrixRunner.forRoute("POST", "/api/v1/users")
                .own(agency)
                .stranger(Fixtures.newTenant())
                .successStatus(201)
                .foreignStatus(201)
                .run(caller -> as(caller.token())
                        .contentType(ContentType.JSON)
                        .body(invitation(email(), "agent"))
                        .post("/api/v1/users"));
    }
}
