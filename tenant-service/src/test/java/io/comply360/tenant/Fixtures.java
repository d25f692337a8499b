package io.comply360.tenant;

import static io.comply360.platform.testkit.TestTokens.as;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.comply360.platform.testkit.TestDatabase;
import io.comply360.platform.testkit.TestTenant;
import io.comply360.platform.testkit.TestTokens;
import io.restassured.http.ContentType;

/** Tenants created through the real API, each with a unique slug, and what the service wrote about them. */
public final class Fixtures {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Fixtures() {}

    /** One platform admin for the whole run: idempotency keys are scoped per caller. */
    private static final String PLATFORM_ADMIN_ID = UUID.randomUUID().toString();

    public static String platformAdmin() {
        return TestTokens.builder()
                .roles("platform_admin")
                .subject(PLATFORM_ADMIN_ID)
                .build();
    }

    public static Map<String, Object> tenantRequest(String slug) {
        return Map.of(
                "slug",
                slug,
                "legalName",
                "Test Agency (Pty) Ltd",
                "countries",
                List.of("ZA"),
                "tier",
                "starter",
                "admin",
                Map.of("email", "admin@" + slug + ".test", "firstName", "Thandi", "lastName", "Admin"));
    }

    public static TestTenant newTenant() {
        String slug = "t-" + UUID.randomUUID().toString().substring(0, 8);
        var response = as(platformAdmin())
                .contentType(ContentType.JSON)
                .body(tenantRequest(slug))
                .post("/api/v1/tenants");
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(201);
        return new TestTenant(UUID.fromString(response.path("id")), slug);
    }

    /** The tenant's events of one type as written to the outbox, with whether the relay sent them. */
    public record Written(JsonNode event, boolean sent) {}

    public static List<Written> written(UUID tenantId, String type) throws Exception {
        try (Connection db = TestDatabase.asOwner();
                PreparedStatement st = db.prepareStatement("select payload::text, sent_at is not null from outbox "
                        + "where routing_key = ? and tenant_id = ?")) {
            st.setString(1, type);
            st.setObject(2, tenantId);
            List<Written> events = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    events.add(new Written(JSON.readTree(rs.getString(1)), rs.getBoolean(2)));
                }
            }
            return events;
        }
    }

    public static String status(UUID tenantId) {
        return as(platformAdmin()).get("/api/v1/tenants/" + tenantId).jsonPath().getString("status");
    }
}
