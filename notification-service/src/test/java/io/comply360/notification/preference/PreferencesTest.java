package io.comply360.notification.preference;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.comply360.contracts.registration.RegistrationEvents;
import io.comply360.notification.Agency;
import io.comply360.notification.TenantSql;
import io.comply360.notification.Upstreams;
import io.comply360.notification.delivery.DeferredMessages;
import io.comply360.platform.broker.EventContract;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** People's choices: opting out (critical messages still come), channels per workflow, SMS quiet hours. */
@QuarkusTest
class PreferencesTest {

    @Inject
    DeferredMessages deferred;

    private static ValidatableResponse put(String token, Object body) {
        return given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(body)
                .put("/api/v1/notification-preferences")
                .then();
    }

    private static String registration(
            Agency agency, EventContract<RegistrationEvents.Changed> contract, String status) {
        return agency.filingChanged(
                contract, UUID.randomUUID(), "REG-2026-000555", status, agency.reviewer, agency.reviewer);
    }

    /** "channel/status" of the agent's messages of an event, once all have settled. */
    private static Set<String> agentMessages(Agency agency, String eventId, int count) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> agency.log(eventId).stream()
                                .filter(m -> m.get("recipient").equals(agency.key(agency.agent)))
                                .filter(m -> !"sending".equals(m.get("status")))
                                .filter(m -> !"queued".equals(m.get("status")) || m.get("notBefore") != null)
                                .count()
                        == count);
        return agency.log(eventId).stream()
                .filter(m -> m.get("recipient").equals(agency.key(agency.agent)))
                .map(m -> m.get("channel") + "/" + m.get("status"))
                .collect(Collectors.toSet());
    }

    @Test
    void aPersonWhoOptedOutGetsOnlyCriticalMessages() {
        Agency agency = new Agency();
        String agent = agency.token(agency.agent, "agent");
        put(agent, Map.of("optedOut", true)).statusCode(200).body("optedOut", equalTo(true));

        String approved = registration(agency, RegistrationEvents.APPROVED, "APPROVED");
        assertThat(agentMessages(agency, approved, 2)).containsExactlyInAnyOrder("in_app/skipped", "email/skipped");
        assertThat(agency.log(approved))
                .allSatisfy(m -> assertThat(m.get("lastError")).isEqualTo("opted out of all notifications"));

        String rejected = registration(agency, RegistrationEvents.REJECTED, "REJECTED");
        assertThat(agentMessages(agency, rejected, 3))
                .containsExactlyInAnyOrder("in_app/delivered", "email/sent", "sms/sent");
    }

    @Test
    void aChannelSwitchedOffForOneWorkflowIsLeftOutOfThatWorkflowOnly() {
        Agency agency = new Agency();
        String agent = agency.token(agency.agent, "agent");
        put(
                        agent,
                        Map.of(
                                "optedOut",
                                false,
                                "workflows",
                                List.of(Map.of(
                                        "workflow", "registration.approved", "channels", Map.of("email", false)))))
                .statusCode(200)
                .body("workflows.find { it.workflow == 'registration.approved' }.channels.email", equalTo(false))
                .body("workflows.find { it.workflow == 'registration.approved' }.channels.in_app", equalTo(true))
                .body("workflows.find { it.workflow == 'registration.rejected' }.critical", equalTo(true));
        given().auth()
                .oauth2(agent)
                .get("/api/v1/notification-preferences")
                .then()
                .statusCode(200)
                .body("workflows.find { it.workflow == 'registration.approved' }.channels.email", equalTo(false))
                .body("digest", equalTo(null));

        String approved = registration(agency, RegistrationEvents.APPROVED, "APPROVED");
        assertThat(agentMessages(agency, approved, 2)).containsExactlyInAnyOrder("in_app/delivered", "email/skipped");
        String changes = registration(agency, RegistrationEvents.CHANGES_REQUESTED, "CHANGES_REQUESTED");
        assertThat(agentMessages(agency, changes, 3))
                .containsExactlyInAnyOrder("in_app/delivered", "email/sent", "sms/sent");
    }

    @Test
    void anSmsInQuietHoursWaitsForTheirEndButACriticalOneDoesNot() throws Throwable {
        Agency agency = new Agency();
        String agent = agency.token(agency.agent, "agent");
        ZonedDateTime now = ZonedDateTime.now(ZoneId.of("Africa/Johannesburg"));
        DateTimeFormatter hhmm = DateTimeFormatter.ofPattern("HH:mm");
        put(
                        agent,
                        Map.of(
                                "optedOut",
                                false,
                                "quietHours",
                                Map.of(
                                        "start",
                                        now.minusHours(1).format(hhmm),
                                        "end",
                                        now.plusHours(1).format(hhmm))))
                .statusCode(200);

        String paid = agency.paid("100.00");
        assertThat(agentMessages(agency, paid, 3))
                .containsExactlyInAnyOrder("in_app/delivered", "email/sent", "sms/queued");
        Map<String, Object> sms = agency.log(paid).stream()
                .filter(m -> "sms".equals(m.get("channel")))
                .findFirst()
                .orElseThrow();
        Instant notBefore = Instant.parse((String) sms.get("notBefore"));
        assertThat(notBefore)
                .isBetween(
                        Instant.now().plus(Duration.ofMinutes(50)),
                        Instant.now().plus(Duration.ofMinutes(61)));
        assertThat(Upstreams.smsTo(Upstreams.primary(), agency.agentPhone)).isEmpty();

        // A critical SMS goes at once.
        String rejected = registration(agency, RegistrationEvents.REJECTED, "REJECTED");
        assertThat(agentMessages(agency, rejected, 3)).contains("sms/sent");

        // The quiet hours end (moved to the past here): the held SMS is queued and sent.
        TenantSql.run(
                agency.id(),
                "update messages set not_before = now() - interval '1 second' where id = ?",
                UUID.fromString(sms.get("id").toString()));
        VertxContextSupport.subscribeAndAwait(() -> deferred.release());
        await().atMost(Duration.ofSeconds(20))
                .until(() -> "sent".equals(agency.message(sms.get("id")).getString("status")));
        assertThat(Upstreams.smsTo(Upstreams.primary(), agency.agentPhone)).hasSize(2);
    }

    @Test
    void badPreferencesAreRefusedNamingTheField() {
        Agency agency = new Agency();
        String agent = agency.token(agency.agent, "agent");
        put(
                        agent,
                        Map.of(
                                "optedOut",
                                false,
                                "workflows",
                                List.of(
                                        Map.of("workflow", "registration.nope", "channels", Map.of("email", false)),
                                        Map.of("workflow", "registration.filed", "channels", Map.of("sms", false)))))
                .statusCode(422)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("workflows[0].workflow"))
                .body("errors.field", hasItem("workflows[1].channels.sms"));
        put(agent, Map.of("optedOut", false, "digest", Map.of("enabled", true, "at", "07:30")))
                .statusCode(422)
                .body("errors.field", hasItem("digest"));
        put(agent, Map.of("optedOut", false, "quietHours", Map.of("start", "25:00", "end", "07:00")))
                .statusCode(422)
                .body("errors.field", hasItem("quietHours.start"));
        put(agent, Map.of("optedOut", false, "quietHours", Map.of("start", "07:00", "end", "07:00")))
                .statusCode(422)
                .body("errors.field", hasItem("quietHours.end"));
        put(agent, Map.of("optedOut", false, "timeZone", "Mars/Olympus_Mons"))
                .statusCode(422)
                .body("errors.field", hasItem("timeZone"));
        put(agent, Map.of("workflows", List.of())).statusCode(422).body("errors.field", hasItem("optedOut"));
        put(agent, Map.of("optedOut", "maybe")).statusCode(400).contentType("application/problem+json");
        // A tenant admin may have the digest.
        put(agency.adminToken(), Map.of("optedOut", false, "digest", Map.of("enabled", true, "at", "07:30")))
                .statusCode(200)
                .body("digest.enabled", equalTo(true))
                .body("digest.at", equalTo("07:30"));
    }
}
