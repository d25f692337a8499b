package io.comply360.tenant;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.comply360.platform.testkit.TestTenant;
import io.comply360.platform.testkit.TestTokens;
import io.restassured.http.ContentType;

/** Tenants created through the real API, each with a unique slug. */
final class Fixtures {

    private Fixtures() {
    }

    /** One platform admin for the whole run: idempotency keys are scoped per caller. */
    private static final String PLATFORM_ADMIN_ID = UUID.randomUUID().toString();

    static String platformAdmin() {
        return TestTokens.builder().roles("platform_admin").subject(PLATFORM_ADMIN_ID).build();
    }

    static Map<String, Object> tenantRequest(String slug) {
        return Map.of("slug", slug, "legalName", "Test Agency (Pty) Ltd", "countries", List.of("ZA"),
                "tier", "starter", "admin", Map.of("email", "admin@" + slug + ".test", "firstName", "Thandi",
                        "lastName", "Admin"));
    }

    static TestTenant newTenant() {
        String slug = "t-" + UUID.randomUUID().toString().substring(0, 8);
        var response = given().auth().oauth2(platformAdmin()).contentType(ContentType.JSON)
                .body(tenantRequest(slug)).post("/api/v1/tenants");
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(201);
        return new TestTenant(UUID.fromString(response.path("id")), slug);
    }
}
