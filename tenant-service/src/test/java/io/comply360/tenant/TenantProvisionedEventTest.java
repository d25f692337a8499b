package io.comply360.tenant;

import static io.comply360.platform.testkit.ProblemAssertions.assertProblem;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.comply360.platform.testkit.EventSchemas;
import io.comply360.platform.testkit.RoleMatrixRunner;
import io.comply360.platform.testkit.TestOidcServer;
import io.comply360.platform.testkit.TestTenant;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Producer side of the tenant.provisioned contract. */
@QuarkusTest
@QuarkusTestResource(value = TestOidcServer.class, restrictToAnnotatedClass = false)
class TenantProvisionedEventTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The tenant's tenant.provisioned events as written to the outbox, with whether the relay sent them. */
    private record Written(JsonNode event, boolean sent) {
    }

    private static List<Written> written(UUID tenantId) throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/tenant_test",
                "tenant_owner", "tenant_owner");
                PreparedStatement st = db.prepareStatement("select payload::text, sent_at is not null from outbox "
                        + "where routing_key = 'tenant.provisioned' and tenant_id = ?")) {
            st.setObject(1, tenantId);
            List<Written> events = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    events.add(new Written(JSON.readTree(rs.getString(1)), rs.getBoolean(2)));
                }
            }
            return events;
        }
    }

    private static io.restassured.response.Response activate(UUID id) {
        return given().auth().oauth2(Fixtures.platformAdmin()).post("/api/v1/tenants/" + id + "/activate");
    }

    @Test
    void roleMatrixForActivating() {
        TestTenant tenant = Fixtures.newTenant();
        RoleMatrixRunner.forRoute("POST", "/api/v1/tenants/{id}/activate").own(tenant)
                .run(caller -> (caller.token() == null ? given() : given().auth().oauth2(caller.token()))
                        .post("/api/v1/tenants/" + tenant.id() + "/activate"));
    }

    @Test
    void activatingAnnouncesTenantProvisionedOnceWithAValidEvent() throws Exception {
        TestTenant tenant = Fixtures.newTenant();
        var response = activate(tenant.id());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.jsonPath().getString("status")).isEqualTo("active");

        List<Written> events = written(tenant.id());
        assertThat(events).hasSize(1);
        JsonNode event = events.get(0).event();
        EventSchemas.assertValid(event);
        assertThat(event.path("type").asText()).isEqualTo("tenant.provisioned");
        assertThat(event.path("tenantid").asText()).isEqualTo(tenant.id().toString());
        assertThat(event.path("source").asText()).isEqualTo("/comply360/tenant-service");
        assertThat(event.path("data").path("slug").asText()).isEqualTo(tenant.slug());
        assertThat(event.path("data").path("tier").asText()).isEqualTo("starter");

        await().atMost(Duration.ofSeconds(30)).until(() -> written(tenant.id()).get(0).sent());
    }

    @Test
    void aTenantIsProvisionedOnlyOnce() throws Exception {
        TestTenant tenant = Fixtures.newTenant();
        assertThat(activate(tenant.id()).statusCode()).isEqualTo(200);
        assertProblem(activate(tenant.id()), 409);
        assertThat(written(tenant.id())).hasSize(1);
        assertThat(given().auth().oauth2(Fixtures.platformAdmin()).get("/api/v1/tenants/" + tenant.id())
                .jsonPath().getString("status")).isEqualTo("active");
    }

    @Test
    void activatingAnUnknownTenantIs404() {
        assertProblem(activate(UUID.randomUUID()), 404);
    }

    @Test
    void theSchemaCatchesAProducerThatDropsARequiredField() throws Exception {
        TestTenant tenant = Fixtures.newTenant();
        activate(tenant.id());
        ObjectNode event = (ObjectNode) written(tenant.id()).get(0).event().deepCopy();
        ((ObjectNode) event.get("data")).remove("slug");
        assertThat(EventSchemas.violations(event)).anySatisfy(violation -> assertThat(violation).contains("slug"));
        event.remove("correlationid");
        assertThat(EventSchemas.violations(event)).anySatisfy(v -> assertThat(v).contains("correlationid"));
    }
}
