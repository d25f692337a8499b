package io.comply360.tenant;

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
import io.comply360.platform.testkit.TestOidcServer;
import io.comply360.platform.testkit.TestTenant;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Producer side of the tenant.provisioning_requested and tenant.provisioned contracts. */
@QuarkusTest
@QuarkusTestResource(value = TestOidcServer.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = KeycloakAdminStub.class, restrictToAnnotatedClass = false)
class TenantProvisionedEventTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The tenant's events of one type as written to the outbox, with whether the relay sent them. */
    record Written(JsonNode event, boolean sent) {
    }

    static List<Written> written(UUID tenantId, String type) throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/tenant_test",
                "tenant_owner", "tenant_owner");
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

    static String status(UUID tenantId) {
        return given().auth().oauth2(Fixtures.platformAdmin()).get("/api/v1/tenants/" + tenantId).jsonPath().getString("status");
    }

    @Test
    void creatingATenantRequestsItsProvisioningWithAValidEvent() throws Exception {
        TestTenant tenant = Fixtures.newTenant();
        List<Written> requests = written(tenant.id(), "tenant.provisioning_requested");
        assertThat(requests).hasSize(1);
        JsonNode event = requests.get(0).event();
        EventSchemas.assertValid(event);
        assertThat(event.path("tenantid").asText()).isEqualTo(tenant.id().toString());
        assertThat(event.path("data").path("slug").asText()).isEqualTo(tenant.slug());
        assertThat(event.toString()).as("no personal data in events").doesNotContain("admin@");
    }

    @Test
    void provisioningAnnouncesTenantProvisionedOnceWithAValidEvent() throws Exception {
        TestTenant tenant = Fixtures.newTenant();
        await().atMost(Duration.ofSeconds(30)).until(() -> "active".equals(status(tenant.id())));

        List<Written> events = written(tenant.id(), "tenant.provisioned");
        assertThat(events).hasSize(1);
        JsonNode event = events.get(0).event();
        EventSchemas.assertValid(event);
        assertThat(event.path("type").asText()).isEqualTo("tenant.provisioned");
        assertThat(event.path("tenantid").asText()).isEqualTo(tenant.id().toString());
        assertThat(event.path("source").asText()).isEqualTo("/comply360/tenant-service");
        assertThat(event.path("data").path("slug").asText()).isEqualTo(tenant.slug());
        assertThat(event.path("data").path("tier").asText()).isEqualTo("starter");

        await().atMost(Duration.ofSeconds(30)).until(() -> written(tenant.id(), "tenant.provisioned").get(0).sent());
    }

    @Test
    void theSchemaCatchesAProducerThatDropsARequiredField() throws Exception {
        TestTenant tenant = Fixtures.newTenant();
        await().atMost(Duration.ofSeconds(30)).until(() -> !written(tenant.id(), "tenant.provisioned").isEmpty());
        ObjectNode event = (ObjectNode) written(tenant.id(), "tenant.provisioned").get(0).event().deepCopy();
        ((ObjectNode) event.get("data")).remove("slug");
        assertThat(EventSchemas.violations(event)).anySatisfy(violation -> assertThat(violation).contains("slug"));
        event.remove("correlationid");
        assertThat(EventSchemas.violations(event)).anySatisfy(v -> assertThat(v).contains("correlationid"));
    }
}
