package io.comply360.tenant.tenants;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.comply360.platform.testkit.ProblemAssertions.assertProblem;
import static io.comply360.platform.testkit.TestTokens.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.comply360.platform.testkit.RoleMatrixRunner;
import io.comply360.platform.testkit.TestDatabase;
import io.comply360.platform.testkit.TestTenant;
import io.comply360.tenant.Fixtures;
import io.comply360.tenant.KeycloakAdminStub;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** The provisioning saga against Keycloak's admin API (WireMock with a memory; e2e runs it on the real one). */
@QuarkusTest
class ProvisioningSagaTest {

    private static final String REALM = KeycloakAdminStub.REALM;

    @BeforeEach
    void emptyRealm() {
        KeycloakAdminStub.reset();
    }

    private static String slug() {
        return "p-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static Response create(Map<String, Object> body) {
        return as(Fixtures.platformAdmin())
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/tenants");
    }

    private static Response provisioning(UUID id) {
        return as(Fixtures.platformAdmin()).get("/api/v1/tenants/" + id + "/provisioning");
    }

    private static void awaitActive(UUID id) {
        await().atMost(Duration.ofSeconds(30)).until(() -> "active".equals(Fixtures.status(id)));
    }

    @Test
    void aNewTenantGetsItsAdminAndPortalInKeycloakBeforeItIsActive() throws Exception {
        String slug = slug();
        Response created = create(Fixtures.tenantRequest(slug));
        assertThat(created.statusCode()).isEqualTo(201);
        UUID id = UUID.fromString(created.path("id"));
        awaitActive(id);

        String email = "admin@" + slug + ".test";
        KeycloakAdminStub.server.verify(
                1,
                postRequestedFor(urlPathEqualTo(REALM + "/users"))
                        .withRequestBody(matchingJsonPath("$.email", equalTo(email)))
                        .withRequestBody(matchingJsonPath("$.attributes.tenant_id[0]", equalTo(id.toString())))
                        .withRequestBody(matchingJsonPath("$.requiredActions[0]", equalTo("UPDATE_PASSWORD")))
                        .withRequestBody(matchingJsonPath("$.firstName", equalTo("Thandi"))));
        String userId = provisioning(id).jsonPath().getString("adminUserId");
        assertThat(userId).matches("[0-9a-f-]{36}");
        KeycloakAdminStub.server.verify(
                1,
                postRequestedFor(urlPathEqualTo(REALM + "/users/" + userId + "/role-mappings/realm"))
                        .withRequestBody(equalToJson("[{\"id\":\"role-tenant-admin\",\"name\":\"tenant_admin\"}]")));
        KeycloakAdminStub.server.verify(
                1,
                putRequestedFor(urlPathEqualTo(REALM + "/users/" + userId + "/execute-actions-email"))
                        .withQueryParam("client_id", equalTo("comply360-gateway"))
                        .withQueryParam("redirect_uri", equalTo("http://" + slug + ".localhost:8080/portal"))
                        .withRequestBody(equalToJson("[\"UPDATE_PASSWORD\"]")));
        KeycloakAdminStub.server.verify(putRequestedFor(
                        urlPathEqualTo(REALM + "/clients/" + KeycloakAdminStub.PORTAL_CLIENT_ID))
                .withRequestBody(matchingJsonPath("$.redirectUris[?(@ == 'http://" + slug + ".localhost:8080/*')]"))
                .withRequestBody(matchingJsonPath("$.redirectUris[?(@ == 'http://acme.localhost:8080/*')]"))
                .withRequestBody(matchingJsonPath("$.protocolMappers[0].name", equalTo("tenant_id"))));

        Response saga = provisioning(id);
        assertThat(saga.statusCode()).isEqualTo(200);
        assertThat(saga.jsonPath().getString("adminUserId")).isEqualTo(userId);
        assertThat(saga.jsonPath().getString("completedAt")).isNotNull();
        assertThat(saga.jsonPath().getString("blockedReason")).isNull();
    }

    @Test
    void provisioningTheSameSlugTwiceReturnsTheTenantAndCreatesNoSecondAdminNorEvent() throws Exception {
        String slug = slug();
        Map<String, Object> body = Fixtures.tenantRequest(slug);
        UUID id = UUID.fromString(create(body).path("id"));
        awaitActive(id);

        Response again = create(body);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.jsonPath().getString("id")).isEqualTo(id.toString());
        assertThat(again.jsonPath().getString("status")).isEqualTo("active");

        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).untilAsserted(() -> {
            assertThat(Fixtures.written(id, "tenant.provisioning_requested")).hasSize(1);
            assertThat(Fixtures.written(id, "tenant.provisioned")).hasSize(1);
        });
        KeycloakAdminStub.server.verify(1, postRequestedFor(urlPathEqualTo(REALM + "/users")));
    }

    @Test
    void whileKeycloakIsDownTheTenantStaysProvisioningAndCompletesWhenItReturns() {
        String slug = slug();
        var outage = KeycloakAdminStub.unavailableFor("admin@" + slug + ".test");
        UUID id = UUID.fromString(create(Fixtures.tenantRequest(slug)).path("id"));

        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(4))
                .until(() -> "provisioning".equals(Fixtures.status(id)));
        KeycloakAdminStub.server.verify(0, postRequestedFor(urlPathEqualTo(REALM + "/users")));

        KeycloakAdminStub.server.removeStub(outage);
        // The failed attempt went to the 10 s retry queue; the retry gets through.
        awaitActive(id);
        KeycloakAdminStub.server.verify(1, postRequestedFor(urlPathEqualTo(REALM + "/users")));
    }

    @Test
    void anEmailOfAnotherTenantBlocksProvisioningAndThatAccountIsNeverTouched() {
        String slug = slug();
        String email = "admin@" + slug + ".test";
        KeycloakAdminStub.existingUser(
                "someone-elses-account", email, UUID.randomUUID().toString());
        UUID id = UUID.fromString(create(Fixtures.tenantRequest(slug)).path("id"));

        await().atMost(Duration.ofSeconds(10))
                .until(() -> provisioning(id).jsonPath().getString("blockedReason") != null);
        Response saga = provisioning(id);
        assertThat(saga.jsonPath().getString("status")).isEqualTo("provisioning");
        assertThat(saga.jsonPath().getString("blockedReason"))
                .doesNotContain("someone")
                .doesNotContain(email);
        KeycloakAdminStub.server.verify(0, anyRequestedFor(urlPathMatching(REALM + "/users/someone-elses-account.*")));
        KeycloakAdminStub.server.verify(0, postRequestedFor(urlPathEqualTo(REALM + "/users")));

        // Once the address is free (the other account was removed), a platform admin resumes.
        KeycloakAdminStub.reset();
        Response resumed = as(Fixtures.platformAdmin()).post("/api/v1/tenants/" + id + "/provisioning");
        assertThat(resumed.statusCode()).isEqualTo(202);
        assertThat(resumed.jsonPath().getString("blockedReason")).isNull();
        awaitActive(id);
    }

    @Test
    void aPlatformAccountsEmailCannotBecomeATenantAdmin() {
        String slug = slug();
        KeycloakAdminStub.existingUser("platform-operator", "admin@" + slug + ".test", null);
        UUID id = UUID.fromString(create(Fixtures.tenantRequest(slug)).path("id"));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> provisioning(id).jsonPath().getString("blockedReason") != null);
        KeycloakAdminStub.server.verify(0, anyRequestedFor(urlPathMatching(REALM + "/users/platform-operator.*")));
    }

    @Test
    void resumingATenantThatIsNotProvisioningIs409AndAnUnknownOne404() {
        String slug = slug();
        UUID id = UUID.fromString(create(Fixtures.tenantRequest(slug)).path("id"));
        awaitActive(id);
        assertProblem(as(Fixtures.platformAdmin()).post("/api/v1/tenants/" + id + "/provisioning"), 409);
        assertProblem(as(Fixtures.platformAdmin()).post("/api/v1/tenants/" + UUID.randomUUID() + "/provisioning"), 404);
        assertProblem(provisioning(UUID.randomUUID()), 404);
    }

    @Test
    void roleMatrixForProvisioning() {
        TestTenant tenant = Fixtures.newTenant();
        RoleMatrixRunner.forRoute("GET", "/api/v1/tenants/{id}/provisioning")
                .own(tenant)
                .run(caller -> (caller.token() == null ? given() : as(caller.token()))
                        .get("/api/v1/tenants/" + tenant.id() + "/provisioning"));
        // Resuming an unknown tenant: platform admins get as far as 404, everyone else is stopped before.
        UUID unknown = UUID.randomUUID();
        RoleMatrixRunner.forRoute("POST", "/api/v1/tenants/{id}/provisioning")
                .own(tenant)
                .successStatus(404)
                .run(caller -> (caller.token() == null ? given() : as(caller.token()))
                        .post("/api/v1/tenants/" + unknown + "/provisioning"));
    }

    @Test
    void anAddressKeycloakRefusesBlocksProvisioningWithTheReasonAndCancellingFreesTheSlug() {
        String slug = slug();
        String email = "admin@" + slug + ".test";
        KeycloakAdminStub.server.stubFor(
                com.github.tomakehurst.wiremock.client.WireMock.post(urlPathEqualTo(REALM + "/users"))
                        .atPriority(1)
                        .withRequestBody(matchingJsonPath("$.email", equalTo(email)))
                        .willReturn(
                                com.github.tomakehurst.wiremock.client.WireMock.aResponse()
                                        .withStatus(400)
                                        .withHeader("Content-Type", "application/json")
                                        .withBody(
                                                "{\"field\":\"email\",\"errorMessage\":\"error-invalid-email\",\"params\":[\"email\"]}")));
        UUID id = UUID.fromString(create(Fixtures.tenantRequest(slug)).path("id"));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> provisioning(id).jsonPath().getString("blockedReason") != null);
        assertThat(provisioning(id).jsonPath().getString("blockedReason"))
                .contains("email")
                .doesNotContain(email);
        assertThat(Fixtures.status(id)).isEqualTo("provisioning");
        // Neither suspended nor closed: it never served anyone. Cancelled, it gives its slug back.
        assertProblem(
                as(Fixtures.platformAdmin())
                        .contentType(ContentType.JSON)
                        .body(Map.of("reason", "x"))
                        .post("/api/v1/tenants/" + id + "/suspend"),
                409);
        Response cancelled = as(Fixtures.platformAdmin())
                .contentType(ContentType.JSON)
                .body(Map.of("reason", "The agency gave a wrong address"))
                .post("/api/v1/tenants/" + id + "/cancel");
        assertThat(cancelled.statusCode()).as(cancelled.asString()).isEqualTo(200);
        assertThat(cancelled.jsonPath().getString("status")).isEqualTo("cancelled");
        assertProblem(
                as(Fixtures.platformAdmin())
                        .contentType(ContentType.JSON)
                        .body(Map.of("reason", "again"))
                        .post("/api/v1/tenants/" + id + "/cancel"),
                409);
        KeycloakAdminStub.reset();
        Response again = create(Fixtures.tenantRequest(slug));
        assertThat(again.statusCode()).as(again.asString()).isEqualTo(201);
        assertThat(again.jsonPath().getString("id")).isNotEqualTo(id.toString());
        awaitActive(UUID.fromString(again.path("id")));
    }

    @Test
    void cancellingRemovesTheAccountAndThePortalAddressProvisioningCreated() throws Exception {
        String slug = slug();
        var mailDown =
                KeycloakAdminStub.server.stubFor(put(urlPathMatching(REALM + "/users/[^/]+/execute-actions-email"))
                        .atPriority(1)
                        .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse()
                                .withStatus(503)));
        UUID id = UUID.fromString(create(Fixtures.tenantRequest(slug)).path("id"));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> provisioning(id).jsonPath().getString("adminUserId") != null
                        && KeycloakAdminStub.portalClient()
                                .path("redirectUris")
                                .toString()
                                .contains(slug));
        String adminId = provisioning(id).jsonPath().getString("adminUserId");
        assertThat(as(Fixtures.platformAdmin())
                        .contentType(ContentType.JSON)
                        .body(Map.of("reason", "Not needed"))
                        .post("/api/v1/tenants/" + id + "/cancel")
                        .statusCode())
                .isEqualTo(200);
        KeycloakAdminStub.server.removeStub(mailDown);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            KeycloakAdminStub.server.verify(com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor(
                    urlPathEqualTo(REALM + "/users/" + adminId)));
            assertThat(KeycloakAdminStub.portalClient().toString()).doesNotContain(slug);
        });
        assertThat(Fixtures.status(id)).isEqualTo("cancelled");
        assertThat(Fixtures.written(id, "tenant.provisioned")).isEmpty();
    }

    @Test
    void cancellingRemovesAnAccountWhoseCreationWasNeverRecorded() throws Throwable {
        String slug = slug();
        // The account is created, then giving it its role fails: the step fails before it records the account.
        var rolesDown = KeycloakAdminStub.server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(
                        urlPathMatching(REALM + "/users/[^/]+/role-mappings/realm"))
                .atPriority(1)
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse()
                        .withStatus(503)));
        UUID id = UUID.fromString(create(Fixtures.tenantRequest(slug)).path("id"));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !KeycloakAdminStub.server
                        .findAll(postRequestedFor(urlPathMatching(REALM + "/users/[^/]+/role-mappings/realm")))
                        .isEmpty());
        assertThat(provisioning(id).jsonPath().getString("adminUserId")).isNull();
        String created = io.quarkus.vertx.VertxContextSupport.subscribeAndAwait(
                        () -> accounts.account("admin@" + slug + ".test"))
                .id();
        assertThat(as(Fixtures.platformAdmin())
                        .contentType(ContentType.JSON)
                        .body(Map.of("reason", "Not needed"))
                        .post("/api/v1/tenants/" + id + "/cancel")
                        .statusCode())
                .isEqualTo(200);
        KeycloakAdminStub.server.removeStub(rolesDown);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> KeycloakAdminStub.server.verify(
                        com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor(
                                urlPathEqualTo(REALM + "/users/" + created))));
    }

    @Test
    void aCancelledTenantsCleanUpLeavesTheAddressOfTheTenantThatTookItsSlug() throws Exception {
        String slug = slug();
        var mailDown =
                KeycloakAdminStub.server.stubFor(put(urlPathMatching(REALM + "/users/[^/]+/execute-actions-email"))
                        .atPriority(1)
                        .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse()
                                .withStatus(503)));
        UUID first = UUID.fromString(create(Fixtures.tenantRequest(slug)).path("id"));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> provisioning(first).jsonPath().getString("adminUserId") != null
                        && KeycloakAdminStub.portalClient()
                                .path("redirectUris")
                                .toString()
                                .contains(slug));
        String firstAdmin = provisioning(first).jsonPath().getString("adminUserId");
        // The first tenant's clean-up fails once (Keycloak down) and is retried later; meanwhile a new agency
        // takes the slug and is provisioned.
        var deleteDown = KeycloakAdminStub.server.stubFor(
                com.github.tomakehurst.wiremock.client.WireMock.delete(urlPathEqualTo(REALM + "/users/" + firstAdmin))
                        .atPriority(1)
                        .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse()
                                .withStatus(503)));
        assertThat(as(Fixtures.platformAdmin())
                        .contentType(ContentType.JSON)
                        .body(Map.of("reason", "Not needed"))
                        .post("/api/v1/tenants/" + first + "/cancel")
                        .statusCode())
                .isEqualTo(200);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !KeycloakAdminStub.server
                        .findAll(com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor(
                                urlPathEqualTo(REALM + "/users/" + firstAdmin)))
                        .isEmpty());
        KeycloakAdminStub.server.removeStub(deleteDown);
        KeycloakAdminStub.server.removeStub(mailDown);
        Map<String, Object> request = new java.util.HashMap<>(Fixtures.tenantRequest(slug));
        request.put("admin", Map.of("email", "owner@" + slug + ".test", "firstName", "Lindiwe", "lastName", "Owner"));
        Response second = create(request);
        assertThat(second.statusCode()).as(second.asString()).isEqualTo(201);
        awaitActive(UUID.fromString(second.path("id")));
        await().atMost(Duration.ofSeconds(30)).until(() -> cleanedUp(first));
        assertThat(KeycloakAdminStub.portalClient().path("redirectUris").toString())
                .contains("http://" + slug + ".localhost:8080/*");
    }

    private static boolean cleanedUp(UUID tenantId) throws Exception {
        try (java.sql.Connection db = TestDatabase.asOwner();
                java.sql.PreparedStatement st = db.prepareStatement(
                        "select cleaned_up_at is not null from tenant_provisioning where tenant_id = ?")) {
            st.setObject(1, tenantId);
            try (java.sql.ResultSet rs = st.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    @Inject
    io.comply360.tenant.keycloak.TenantAccounts accounts;

    @Test
    void portalAddressesRegisteredAtOnceAreAllKept() throws Throwable {
        // Keycloak is slow to read the client: without one writer at a time, writes would overwrite each other.
        KeycloakAdminStub.server.setGlobalFixedDelay(30);
        List<String> slugs = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            slugs.add(slug());
        }
        // Ten at once, as ten replicas (or ten tenants' sagas) would.
        try {
            io.quarkus.vertx.VertxContextSupport.subscribeAndAwait(() -> io.smallrye.mutiny.Uni.join()
                    .all(slugs.stream().map(accounts::registerPortal).toList())
                    .andFailFast());
        } finally {
            KeycloakAdminStub.server.setGlobalFixedDelay(0);
        }
        String client = KeycloakAdminStub.portalClient().path("redirectUris").toString();
        assertThat(slugs).allSatisfy(s -> assertThat(client).contains("http://" + s + ".localhost:8080/*"));
        assertThat(client).contains("http://acme.localhost:8080/*");
    }

    @Test
    void theSetPasswordMailGoesOutOnceWhenTheLastStepIsRetried() throws Exception {
        String slug = slug();
        try (var owner = TestDatabase.asOwner();
                var st = owner.createStatement()) {
            st.execute("create sequence if not exists test_activation_attempts");
            st.execute("""
                    create or replace function test_fail_first_activation() returns trigger language plpgsql
                    security definer as $$
                    begin
                        if nextval('test_activation_attempts') % 2 = 1 then raise exception 'injected: commit lost'; end if;
                        return new;
                    end $$""");
            st.execute("create trigger test_fail_first_activation before update on tenants for each row when "
                    + "(old.slug = '" + slug + "' and old.status = 'provisioning' and new.status = 'active') "
                    + "execute function test_fail_first_activation()");
        }
        try {
            UUID id = UUID.fromString(create(Fixtures.tenantRequest(slug)).path("id"));
            // The first activation fails; the retry (10 s later) activates without mailing again.
            await().atMost(Duration.ofSeconds(40)).until(() -> "active".equals(Fixtures.status(id)));
            KeycloakAdminStub.server.verify(
                    1, putRequestedFor(urlPathMatching(REALM + "/users/[^/]+/execute-actions-email")));
            KeycloakAdminStub.server.verify(1, postRequestedFor(urlPathEqualTo(REALM + "/users")));
        } finally {
            try (var owner = TestDatabase.asOwner();
                    var st = owner.createStatement()) {
                st.execute("drop trigger if exists test_fail_first_activation on tenants");
                st.execute("drop function if exists test_fail_first_activation()");
                st.execute("drop sequence if exists test_activation_attempts");
            }
        }
    }

    @Test
    void roleMatrixForCancelling() {
        UUID unknown = UUID.randomUUID();
        RoleMatrixRunner.forRoute("POST", "/api/v1/tenants/{id}/cancel")
                .successStatus(404)
                .run(caller -> (caller.token() == null ? given() : as(caller.token()))
                        .contentType(ContentType.JSON)
                        .body(Map.of("reason", "x"))
                        .post("/api/v1/tenants/" + unknown + "/cancel"));
    }
}
