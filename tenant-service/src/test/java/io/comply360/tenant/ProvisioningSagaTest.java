package io.comply360.tenant;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.comply360.platform.testkit.ProblemAssertions.assertProblem;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.comply360.platform.testkit.RoleMatrixRunner;
import io.comply360.platform.testkit.TestOidcServer;
import io.comply360.platform.testkit.TestTenant;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** The provisioning saga against Keycloak's admin API (WireMock with a memory; e2e runs it on the real one). */
@QuarkusTest
@QuarkusTestResource(value = TestOidcServer.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = KeycloakAdminStub.class, restrictToAnnotatedClass = false)
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
        return given().auth().oauth2(Fixtures.platformAdmin()).contentType(ContentType.JSON).body(body).post("/api/v1/tenants");
    }

    private static Response provisioning(UUID id) {
        return given().auth().oauth2(Fixtures.platformAdmin()).get("/api/v1/tenants/" + id + "/provisioning");
    }

    private static void awaitActive(UUID id) {
        await().atMost(Duration.ofSeconds(30)).until(() -> "active".equals(TenantProvisionedEventTest.status(id)));
    }

    @Test
    void aNewTenantGetsItsAdminAndPortalInKeycloakBeforeItIsActive() throws Exception {
        String slug = slug();
        Response created = create(Fixtures.tenantRequest(slug));
        assertThat(created.statusCode()).isEqualTo(201);
        UUID id = UUID.fromString(created.path("id"));
        awaitActive(id);

        String email = "admin@" + slug + ".test";
        KeycloakAdminStub.server.verify(1, postRequestedFor(urlPathEqualTo(REALM + "/users"))
                .withRequestBody(matchingJsonPath("$.email", equalTo(email)))
                .withRequestBody(matchingJsonPath("$.attributes.tenant_id[0]", equalTo(id.toString())))
                .withRequestBody(matchingJsonPath("$.requiredActions[0]", equalTo("UPDATE_PASSWORD")))
                .withRequestBody(matchingJsonPath("$.firstName", equalTo("Thandi"))));
        String userId = provisioning(id).jsonPath().getString("adminUserId");
        assertThat(userId).matches("[0-9a-f-]{36}");
        KeycloakAdminStub.server.verify(1, postRequestedFor(urlPathEqualTo(REALM + "/users/" + userId + "/role-mappings/realm"))
                .withRequestBody(equalToJson("[{\"id\":\"role-tenant-admin\",\"name\":\"tenant_admin\"}]")));
        KeycloakAdminStub.server.verify(1, putRequestedFor(urlPathEqualTo(REALM + "/users/" + userId + "/execute-actions-email"))
                .withQueryParam("client_id", equalTo("comply360-gateway"))
                .withQueryParam("redirect_uri", equalTo("http://" + slug + ".localhost:8080/portal"))
                .withRequestBody(equalToJson("[\"UPDATE_PASSWORD\"]")));
        KeycloakAdminStub.server.verify(putRequestedFor(urlPathEqualTo(REALM + "/clients/" + KeycloakAdminStub.PORTAL_CLIENT_ID))
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
            assertThat(TenantProvisionedEventTest.written(id, "tenant.provisioning_requested")).hasSize(1);
            assertThat(TenantProvisionedEventTest.written(id, "tenant.provisioned")).hasSize(1);
        });
        KeycloakAdminStub.server.verify(1, postRequestedFor(urlPathEqualTo(REALM + "/users")));
    }

    @Test
    void whileKeycloakIsDownTheTenantStaysProvisioningAndCompletesWhenItReturns() {
        String slug = slug();
        var outage = KeycloakAdminStub.unavailableFor("admin@" + slug + ".test");
        UUID id = UUID.fromString(create(Fixtures.tenantRequest(slug)).path("id"));

        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                .until(() -> "provisioning".equals(TenantProvisionedEventTest.status(id)));
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
        KeycloakAdminStub.existingUser("someone-elses-account", email, UUID.randomUUID().toString());
        UUID id = UUID.fromString(create(Fixtures.tenantRequest(slug)).path("id"));

        await().atMost(Duration.ofSeconds(10)).until(() -> provisioning(id).jsonPath().getString("blockedReason") != null);
        Response saga = provisioning(id);
        assertThat(saga.jsonPath().getString("status")).isEqualTo("provisioning");
        assertThat(saga.jsonPath().getString("blockedReason")).doesNotContain("someone").doesNotContain(email);
        KeycloakAdminStub.server.verify(0, anyRequestedFor(urlPathMatching(REALM + "/users/someone-elses-account.*")));
        KeycloakAdminStub.server.verify(0, postRequestedFor(urlPathEqualTo(REALM + "/users")));

        // Once the address is free (the other account was removed), a platform admin resumes.
        KeycloakAdminStub.reset();
        Response resumed = given().auth().oauth2(Fixtures.platformAdmin()).post("/api/v1/tenants/" + id + "/provisioning");
        assertThat(resumed.statusCode()).isEqualTo(202);
        assertThat(resumed.jsonPath().getString("blockedReason")).isNull();
        awaitActive(id);
    }

    @Test
    void aPlatformAccountsEmailCannotBecomeATenantAdmin() {
        String slug = slug();
        KeycloakAdminStub.existingUser("platform-operator", "admin@" + slug + ".test", null);
        UUID id = UUID.fromString(create(Fixtures.tenantRequest(slug)).path("id"));
        await().atMost(Duration.ofSeconds(10)).until(() -> provisioning(id).jsonPath().getString("blockedReason") != null);
        KeycloakAdminStub.server.verify(0, anyRequestedFor(urlPathMatching(REALM + "/users/platform-operator.*")));
    }

    @Test
    void resumingATenantThatIsNotProvisioningIs409AndAnUnknownOne404() {
        String slug = slug();
        UUID id = UUID.fromString(create(Fixtures.tenantRequest(slug)).path("id"));
        awaitActive(id);
        assertProblem(given().auth().oauth2(Fixtures.platformAdmin()).post("/api/v1/tenants/" + id + "/provisioning"), 409);
        assertProblem(given().auth().oauth2(Fixtures.platformAdmin()).post("/api/v1/tenants/" + UUID.randomUUID() + "/provisioning"), 404);
        assertProblem(provisioning(UUID.randomUUID()), 404);
    }

    @Test
    void roleMatrixForProvisioning() {
        TestTenant tenant = Fixtures.newTenant();
        RoleMatrixRunner.forRoute("GET", "/api/v1/tenants/{id}/provisioning").own(tenant)
                .run(caller -> (caller.token() == null ? given() : given().auth().oauth2(caller.token()))
                        .get("/api/v1/tenants/" + tenant.id() + "/provisioning"));
        // Resuming an unknown tenant: platform admins get as far as 404, everyone else is stopped before.
        UUID unknown = UUID.randomUUID();
        RoleMatrixRunner.forRoute("POST", "/api/v1/tenants/{id}/provisioning").own(tenant).successStatus(404)
                .run(caller -> (caller.token() == null ? given() : given().auth().oauth2(caller.token()))
                        .post("/api/v1/tenants/" + unknown + "/provisioning"));
    }
}
