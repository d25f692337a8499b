package io.comply360.tenant.tenants;

import static io.comply360.platform.testkit.ProblemAssertions.assertProblem;
import static io.comply360.platform.testkit.TestTokens.as;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.comply360.platform.testkit.RoleMatrixRunner;
import io.comply360.platform.testkit.TestTenant;
import io.comply360.platform.testkit.TestTokens;
import io.comply360.tenant.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

@QuarkusTest
class TenantResourceTest {

    private static String uniqueSlug() {
        return "t-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static Response create(String token, String idempotencyKey, Object body) {
        var request = as(token).contentType(ContentType.JSON).body(body);
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return request.post("/api/v1/tenants");
    }

    @Test
    void roleMatrixForCreating() {
        RoleMatrixRunner.forRoute("POST", "/api/v1/tenants")
                .successStatus(201)
                .run(caller -> create(caller.token(), null, Fixtures.tenantRequest(uniqueSlug())));
    }

    @Test
    void roleMatrixForListing() {
        RoleMatrixRunner.forRoute("GET", "/api/v1/tenants")
                .run(caller -> as(caller.token()).get("/api/v1/tenants"));
    }

    @Test
    void roleMatrixForReadingOne() {
        TestTenant tenant = Fixtures.newTenant();
        RoleMatrixRunner.forRoute("GET", "/api/v1/tenants/{id}")
                .own(tenant)
                .run(caller -> as(caller.token()).get("/api/v1/tenants/" + tenant.id()));
    }

    @Test
    void createdTenantStartsProvisioningAndCanBeRead() {
        String slug = uniqueSlug();
        Map<String, Object> body = new HashMap<>(Fixtures.tenantRequest(slug));
        body.put("countries", List.of("ZA", "ZW", "ZA"));
        Response created = create(Fixtures.platformAdmin(), null, body);
        assertThat(created.statusCode()).isEqualTo(201);
        String id = created.path("id");
        assertThat(created.header("Location")).endsWith("/api/v1/tenants/" + id);
        assertThat(created.jsonPath().getString("status")).isEqualTo("provisioning");
        assertThat(created.jsonPath().getList("countries")).containsExactly("ZA", "ZW");

        Response read = as(Fixtures.platformAdmin()).get("/api/v1/tenants/" + id);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.jsonPath().getString("slug")).isEqualTo(slug);
        assertThat(read.jsonPath().getString("tier")).isEqualTo("starter");
    }

    @Test
    void sameIdempotencyKeyAndBodyCreateOneTenantAndReplayTheAnswer() {
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Fixtures.tenantRequest(uniqueSlug());
        Response first = create(Fixtures.platformAdmin(), key, body);
        Response retry = create(Fixtures.platformAdmin(), key, body);
        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(retry.statusCode()).isEqualTo(201);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
        assertThat(retry.asString()).isEqualTo(first.asString());
        // Without the key, the same tenant asked for again is still that tenant (idempotent on the slug).
        Response again = create(Fixtures.platformAdmin(), null, body);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.jsonPath().getString("id")).isEqualTo(first.jsonPath().getString("id"));
    }

    @Test
    void sameIdempotencyKeyWithAnotherBodyIs422() {
        String key = UUID.randomUUID().toString();
        create(Fixtures.platformAdmin(), key, Fixtures.tenantRequest(uniqueSlug()));
        assertProblem(
                create(Fixtures.platformAdmin(), key, Fixtures.tenantRequest(uniqueSlug())), 422, "Idempotency-Key");
    }

    @Test
    void anEmptyIdempotencyKeyIs400AndCreatesNothing() {
        String slug = uniqueSlug();
        assertProblem(create(Fixtures.platformAdmin(), "", Fixtures.tenantRequest(slug)), 400, "Idempotency-Key");
        assertProblem(create(Fixtures.platformAdmin(), "   ", Fixtures.tenantRequest(slug)), 400, "Idempotency-Key");
        assertThat(as(Fixtures.platformAdmin())
                        .queryParam("limit", 200)
                        .get("/api/v1/tenants")
                        .jsonPath()
                        .getList("items.slug"))
                .doesNotContain(slug);
    }

    @Test
    void aSlugTakenByAnotherAgencyIs409() {
        TestTenant existing = Fixtures.newTenant();
        Map<String, Object> other = new HashMap<>(Fixtures.tenantRequest(existing.slug()));
        other.put("legalName", "Another Agency (Pty) Ltd");
        assertProblem(create(Fixtures.platformAdmin(), null, other), 409, "slug");
        other = new HashMap<>(Fixtures.tenantRequest(existing.slug()));
        other.put("admin", Map.of("email", "someone.else@example.test", "firstName", "S", "lastName", "E"));
        assertProblem(create(Fixtures.platformAdmin(), null, other), 409, "slug");
    }

    @Test
    void aTenantWithoutAUsableFirstAdminIs422() {
        Map<String, Object> body = new HashMap<>(Fixtures.tenantRequest(uniqueSlug()));
        body.remove("admin");
        assertProblem(create(Fixtures.platformAdmin(), null, body), 422, "admin");
        body.put("admin", Map.of("email", "not-an-address", "firstName", " ", "lastName", "Admin"));
        assertProblem(create(Fixtures.platformAdmin(), null, body), 422, "admin.email", "admin.firstName");
    }

    @Test
    void badOrReservedSlugsAre422() {
        for (String slug : List.of("ab", "-acme", "acme-", "Acme", "acme_co", "a".repeat(64))) {
            assertProblem(create(Fixtures.platformAdmin(), null, Fixtures.tenantRequest(slug)), 422, "slug");
        }
        for (String slug : List.of("www", "api", "admin", "app", "auth")) {
            assertProblem(create(Fixtures.platformAdmin(), null, Fixtures.tenantRequest(slug)), 422, "slug");
        }
    }

    @Test
    void otherBrokenRulesAre422NamingEachField() {
        Map<String, Object> body = new HashMap<>(Fixtures.tenantRequest(uniqueSlug()));
        body.put("legalName", " ");
        body.put("countries", List.of("ZA", "US"));
        assertProblem(create(Fixtures.platformAdmin(), null, body), 422, "legalName", "countries[1]");
        body.put("countries", List.of());
        assertProblem(create(Fixtures.platformAdmin(), null, body), 422, "countries");
    }

    @Test
    void unknownTierIs400() {
        Map<String, Object> body = new HashMap<>(Fixtures.tenantRequest(uniqueSlug()));
        body.put("tier", "gold");
        assertProblem(create(Fixtures.platformAdmin(), null, body), 400, "tier");
    }

    @Test
    void unknownTenantIs404() {
        assertProblem(as(Fixtures.platformAdmin()).get("/api/v1/tenants/" + UUID.randomUUID()), 404);
        assertProblem(as(Fixtures.platformAdmin()).get("/api/v1/tenants/not-a-uuid"), 404);
    }

    @Test
    void roleMatrixForTheInternalSlugLookup() {
        TestTenant tenant = Fixtures.newTenant();
        RoleMatrixRunner.forRoute("GET", "/internal/tenants/by-slug/{slug}")
                .own(tenant)
                .run(caller -> as(caller.token()).get("/internal/tenants/by-slug/" + tenant.slug()));
    }

    @Test
    void servicesResolveASlugToItsTenant() {
        TestTenant tenant = Fixtures.newTenant();
        String service = TestTokens.token("service", null);
        Response found = as(service).get("/internal/tenants/by-slug/" + tenant.slug());
        assertThat(found.statusCode()).isEqualTo(200);
        assertThat(found.jsonPath().getString("id")).isEqualTo(tenant.id().toString());
        assertThat(found.jsonPath().getString("status")).isEqualTo("provisioning");
        assertProblem(as(service).get("/internal/tenants/by-slug/no-such-agency"), 404);
    }

    @Test
    void listIsPagedWithTotals() {
        Fixtures.newTenant();
        Fixtures.newTenant();
        Response page = as(Fixtures.platformAdmin())
                .queryParam("limit", 1)
                .queryParam("offset", 1)
                .get("/api/v1/tenants");
        assertThat(page.statusCode()).isEqualTo(200);
        long total = page.jsonPath().getLong("total");
        assertThat(total).isGreaterThanOrEqualTo(2);
        assertThat(page.header("X-Total-Count")).isEqualTo(Long.toString(total));
        assertThat(page.jsonPath().getList("items")).hasSize(1);
        assertThat(page.jsonPath().getInt("limit")).isEqualTo(1);
        assertThat(page.jsonPath().getInt("offset")).isEqualTo(1);
        assertProblem(as(Fixtures.platformAdmin()).queryParam("limit", 1000).get("/api/v1/tenants"), 422, "limit");
    }
}
