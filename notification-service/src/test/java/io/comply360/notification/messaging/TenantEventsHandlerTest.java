package io.comply360.notification.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.comply360.contracts.tenant.TenantEvents;
import io.comply360.notification.Agency;
import io.comply360.platform.testkit.EventSchemas;
import io.comply360.platform.testkit.TestBroker;
import io.comply360.platform.testkit.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** Consumer side of tenant.provisioned and tenant.user_invited, through the test vhost. */
@QuarkusTest
class TenantEventsHandlerTest {

    private static ObjectNode provisioned(Agency agency) {
        return TestBroker.envelope(
                agency.id(),
                TenantEvents.PROVISIONED.type().type(),
                TenantEvents.PROVISIONED.type().dataschema(),
                agency.id().toString(),
                new TenantEvents.Provisioned(
                        agency.id(),
                        agency.tenant.slug(),
                        "Acme Registrations (Pty) Ltd",
                        List.of("ZA"),
                        "starter",
                        Instant.now()));
    }

    private static Response inbox(String token) {
        return given().auth().oauth2(token).get("/api/v1/notifications");
    }

    @Test
    void tenantProvisionedWelcomesEachTenantAdminInTheirOwnInbox() {
        Agency agency = new Agency();
        TestBroker.publish(provisioned(agency), TenantEvents.PROVISIONED.type().exchange());
        String admin = agency.adminToken();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> inbox(admin).jsonPath().getInt("total") == 1);
        Response response = inbox(admin);
        assertThat(response.header("X-Total-Count")).isEqualTo("1");
        assertThat(response.jsonPath().getString("items[0].kind")).isEqualTo("tenant.provisioned");
        assertThat(response.jsonPath().getString("items[0].title")).isEqualTo("Your agency is ready");
        assertThat(response.jsonPath().getString("items[0].body")).contains(agency.name);
        String afrikaans = agency.token(agency.adminAf, "tenant_admin");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> inbox(afrikaans).jsonPath().getInt("total") == 1);
        assertThat(inbox(afrikaans).jsonPath().getString("items[0].title")).isEqualTo("Jou agentskap is gereed");
        // Addressed to its admins: the agency's agents and other agencies see nothing.
        assertThat(inbox(agency.token(agency.agent, "agent")).jsonPath().getInt("total"))
                .isZero();
        assertThat(inbox(new Agency().adminToken()).jsonPath().getInt("total")).isZero();
    }

    @Test
    void theSameEventDeliveredTwiceNotifiesOnce() {
        Agency agency = new Agency();
        ObjectNode event = provisioned(agency);
        TestBroker.publish(event, TenantEvents.PROVISIONED.type().exchange());
        TestBroker.publish(event, TenantEvents.PROVISIONED.type().exchange());
        String admin = agency.adminToken();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> inbox(admin).jsonPath().getInt("total") >= 1);
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(4))
                .until(() -> inbox(admin).jsonPath().getInt("total") == 1
                        && agency.log(event.path("id").asText()).size() == 2);
    }

    @Test
    void anEventBreakingItsSchemaIsDeadLetteredNotApplied() {
        Agency agency = new Agency();
        ObjectNode event = provisioned(agency);
        ((ObjectNode) event.get("data")).remove("legalName");
        assertThat(EventSchemas.violations(event)).anySatisfy(v -> assertThat(v).contains("legalName"));
        TestBroker.publishAsIs(event, TenantEvents.PROVISIONED.type().exchange());
        String operator = TestTokens.token("platform_admin", null);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> given().auth()
                        .oauth2(operator)
                        .queryParam("limit", 500)
                        .get("/internal/dead-letters/" + TenantEventsHandler.QUEUE.name())
                        .jsonPath()
                        .getList("messageId", String.class)
                        .contains(event.path("id").asText()));
        assertThat(inbox(agency.adminToken()).jsonPath().getInt("total")).isZero();
        assertThat(agency.log(event.path("id").asText())).isEmpty();
    }
}
