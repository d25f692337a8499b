package io.comply360.notification.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.comply360.contracts.tenant.TenantEvents;
import io.comply360.platform.testkit.EventSchemas;
import io.comply360.platform.testkit.RoleMatrixRunner;
import io.comply360.platform.testkit.TestBroker;
import io.comply360.platform.testkit.TestTenant;
import io.comply360.platform.testkit.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** Consumer side of the tenant.provisioned contract, through the shared test broker (the test vhost). */
@QuarkusTest
class TenantEventsHandlerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A tenant.provisioned event as tenant-service writes it; checked against the schema before use. */
    private static ObjectNode provisioned(TestTenant tenant) {
        ObjectNode event = JSON.valueToTree(Map.of(
                "specversion",
                "1.0",
                "id",
                UUID.randomUUID().toString(),
                "type",
                TenantEvents.PROVISIONED.type().type(),
                "source",
                "/comply360/tenant-service",
                "time",
                Instant.now().toString(),
                "subject",
                tenant.id().toString(),
                "dataschema",
                TenantEvents.PROVISIONED.type().dataschema(),
                "datacontenttype",
                "application/json",
                "tenantid",
                tenant.id().toString(),
                "correlationid",
                UUID.randomUUID().toString()));
        event.set(
                "data",
                JSON.valueToTree(Map.of(
                        "tenantId",
                        tenant.id().toString(),
                        "slug",
                        tenant.slug(),
                        "legalName",
                        "Acme Registrations (Pty) Ltd",
                        "countries",
                        List.of("ZA"),
                        "tier",
                        "starter",
                        "provisionedAt",
                        Instant.now().toString())));
        return event;
    }

    private static void send(ObjectNode event) {
        TestBroker.publish(event, TenantEvents.PROVISIONED.type().exchange());
    }

    private static Response notifications(String token) {
        return given().auth().oauth2(token).get("/api/v1/notifications");
    }

    private static TestTenant provisionedTenant() throws Exception {
        TestTenant tenant = TestTenant.create();
        ObjectNode event = provisioned(tenant);
        EventSchemas.assertValid(event);
        send(event);
        await().atMost(Duration.ofSeconds(30))
                .until(() ->
                        notifications(tenant.token("tenant_admin")).jsonPath().getInt("total") == 1);
        return tenant;
    }

    @Test
    void tenantProvisionedBecomesAWelcomeForTheTenantAdmins() throws Exception {
        TestTenant tenant = provisionedTenant();
        Response response = notifications(tenant.token("tenant_admin"));
        assertThat(response.header("X-Total-Count")).isEqualTo("1");
        assertThat(response.jsonPath().getString("items[0].kind")).isEqualTo("tenant.provisioned");
        assertThat(response.jsonPath().getString("items[0].title")).isEqualTo("Your agency is ready");
        assertThat(response.jsonPath().getString("items[0].body"))
                .contains("Acme Registrations (Pty) Ltd", tenant.slug());
        assertThat(response.jsonPath().getString("items[0].subjectId"))
                .isEqualTo(tenant.id().toString());
    }

    @Test
    void theSameEventDeliveredTwiceNotifiesOnce() throws Exception {
        TestTenant tenant = TestTenant.create();
        ObjectNode event = provisioned(tenant);
        EventSchemas.assertValid(event);
        send(event);
        send(event);
        await().atMost(Duration.ofSeconds(30))
                .until(() ->
                        notifications(tenant.token("tenant_admin")).jsonPath().getInt("total") >= 1);
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(3))
                .until(() ->
                        notifications(tenant.token("tenant_admin")).jsonPath().getInt("total") == 1);
    }

    @Test
    void anEventBreakingItsSchemaIsDeadLetteredNotApplied() throws Exception {
        TestTenant tenant = TestTenant.create();
        ObjectNode event = provisioned(tenant);
        ((ObjectNode) event.get("data")).remove("legalName");
        assertThat(EventSchemas.violations(event)).anySatisfy(v -> assertThat(v).contains("legalName"));
        TestBroker.publishAsIs(event, TenantEvents.PROVISIONED.type().exchange());
        String admin = TestTokens.token("platform_admin", null);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> given().auth()
                        .oauth2(admin)
                        .queryParam("limit", 500)
                        .get("/internal/dead-letters/" + TenantEventsHandler.QUEUE.name())
                        .jsonPath()
                        .getList("messageId", String.class)
                        .contains(event.path("id").asText()));
        assertThat(notifications(tenant.token("tenant_admin")).jsonPath().getInt("total"))
                .isZero();
    }

    @Test
    void notificationsStayWithTheirTenantAndAudience() throws Exception {
        TestTenant tenant = provisionedTenant();
        TestTenant other = TestTenant.create();
        assertThat(notifications(other.token("tenant_admin")).jsonPath().getInt("total"))
                .isZero();
        // Addressed to tenant admins: the tenant's agents do not see it.
        assertThat(notifications(tenant.token("agent")).jsonPath().getInt("total"))
                .isZero();
    }

    @Test
    void roleMatrixForListing() throws Exception {
        TestTenant tenant = provisionedTenant();
        RoleMatrixRunner.forRoute("GET", "/api/v1/notifications")
                .own(tenant)
                .foreignStatus(200)
                .run(caller ->
                        caller.anonymous() ? given().get("/api/v1/notifications") : notifications(caller.token()));
    }
}
