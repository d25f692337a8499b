package io.comply360.notification.delivery;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.comply360.contracts.notification.NotificationEvents;
import io.comply360.notification.Agency;
import io.comply360.notification.TenantSql;
import io.comply360.notification.Upstreams;
import io.comply360.notification.messaging.DeliveriesHandler;
import io.comply360.platform.testkit.TestBroker;
import io.comply360.platform.testkit.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;

/**
 * SMS delivery against two providers speaking Twilio's API: retries, the fallback, the DLQ, refused numbers, signed
 * delivery callbacks, and a crash between the provider's answer and our commit. Retry steps are 1 s here (4
 * attempts: 2 on the primary, then the fallback).
 */
@QuarkusTest
class DeliveryTest {

    @Inject
    CircuitBreakerMaintenance breakers;

    @BeforeEach
    void providersUp() {
        breakers.resetAll();
        Upstreams.smsUp(Upstreams.primary());
        Upstreams.smsUp(Upstreams.fallback());
    }

    @AfterEach
    void providersBackUp() {
        providersUp();
    }

    /** A settlement paid: the agent is told by SMS too. The SMS message of the log, once it has settled. */
    private static Map<String, Object> paidSms(Agency agency, String... settledStatuses) {
        return agency.settled(agency.paid("2250.00"), "sms", settledStatuses);
    }

    @Test
    void aPrimaryOutageIsRetriedThenTheFallbackTakesOverAndTheLogShowsEveryAttempt() {
        Upstreams.smsDown(Upstreams.primary());
        Agency agency = new Agency();
        Map<String, Object> sms = paidSms(agency, "sent");
        JsonPath message = agency.message(sms.get("id"));
        assertThat(message.getInt("attempts")).isEqualTo(3);
        assertThat(message.getString("provider")).isEqualTo("signalwire");
        assertThat(message.getList("attemptLog.provider")).containsExactly("twilio", "twilio", "signalwire");
        assertThat(message.getList("attemptLog.status")).containsExactly("failed", "failed", "sent");
        assertThat(message.getString("attemptLog[0].error")).contains("twilio answered 503", "20503");
        assertThat(message.getString("providerMessageId")).startsWith("SM");
        assertThat(message.getString("address")).endsWith(agency.agentPhone.substring(agency.agentPhone.length() - 4));
        assertThat(Upstreams.smsTo(Upstreams.primary(), agency.agentPhone)).hasSize(2);
        assertThat(Upstreams.smsTo(Upstreams.fallback(), agency.agentPhone))
                .singleElement()
                .satisfies(form -> {
                    assertThat(form.get("From")).isEqualTo("+27870000002");
                    assertThat(form.get("Body")).contains("ZAR 2250.00");
                });
    }

    @Test
    void aProviderThatStallsInTheMiddleOfItsAnswerIsAnOutageAndTheFallbackTakesOver() {
        Upstreams.smsStalls(Upstreams.primary());
        Agency agency = new Agency();
        Map<String, Object> sms = paidSms(agency, "sent");
        JsonPath message = agency.message(sms.get("id"));
        assertThat(message.getList("attemptLog.provider")).containsExactly("twilio", "twilio", "signalwire");
        assertThat(message.getString("attemptLog[0].error")).contains("twilio: no complete answer within");
        assertThat(message.getString("providerMessageId")).doesNotContain("stalled");
    }

    @Test
    void whenEveryProviderStaysDownTheMessageFailsAfterItsAttemptsAndIsDeadLettered() {
        Upstreams.smsDown(Upstreams.primary());
        Upstreams.smsDown(Upstreams.fallback());
        Agency agency = new Agency();
        Map<String, Object> sms = paidSms(agency, "failed");
        JsonPath message = agency.message(sms.get("id"));
        assertThat(message.getInt("attempts")).isEqualTo(4);
        assertThat(message.getList("attemptLog.provider"))
                .containsExactly("twilio", "twilio", "signalwire", "signalwire");
        assertThat(message.getString("lastError")).contains("signalwire answered 503");
        String id = sms.get("id").toString();
        Map<String, Object> letter = deadLetter(id);

        // The providers are back; the operator replays the dead letter: a new round, on the primary first.
        providersUp();
        given().auth()
                .oauth2(TestTokens.token("platform_admin", null))
                .queryParam("messageId", letter.get("messageId"))
                .post("/internal/dead-letters/" + DeliveriesHandler.QUEUE.name() + "/replay")
                .then()
                .statusCode(200);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> "sent".equals(agency.message(id).getString("status")));
        JsonPath replayed = agency.message(id);
        assertThat(replayed.getInt("attempts")).isEqualTo(5);
        assertThat(replayed.getList("attemptLog.provider"))
                .containsExactly("twilio", "twilio", "signalwire", "signalwire", "twilio");
        assertThat(replayed.getList("attemptLog.status"))
                .containsExactly("failed", "failed", "failed", "failed", "sent");
        assertThat(replayed.getString("lastError")).isNull();
        assertThat(Upstreams.smsTo(Upstreams.primary(), agency.agentPhone)).hasSize(3);

        // Replayed again (or redelivered) once sent: nothing new.
        wakeUp(agency, id);
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(4))
                .until(() -> agency.message(id).getInt("attempts") == 5
                        && Upstreams.smsTo(Upstreams.primary(), agency.agentPhone)
                                        .size()
                                == 3);
    }

    @Test
    void aNumberTheProviderRefusesFailsAtOnceWithoutTryingTheFallback() {
        Upstreams.smsRefusesNumber(Upstreams.primary());
        Agency agency = new Agency();
        Map<String, Object> sms = paidSms(agency, "failed");
        JsonPath message = agency.message(sms.get("id"));
        assertThat(message.getInt("attempts")).isEqualTo(1);
        assertThat(message.getString("lastError")).contains("21211", "not a valid phone number");
        assertThat(message.getList("attemptLog.status")).containsExactly("refused");
        assertThat(Upstreams.smsTo(Upstreams.fallback(), agency.agentPhone)).isEmpty();
        // A wrong number stays wrong: its wake-up delivered again (or replayed) sends nothing.
        wakeUp(agency, sms.get("id").toString());
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(4))
                .until(() -> agency.message(sms.get("id")).getInt("attempts") == 1
                        && Upstreams.smsTo(Upstreams.primary(), agency.agentPhone)
                                        .size()
                                == 1);
    }

    @Test
    void aWakeUpDeliveredTwiceWhileTheFirstIsStillSendingSendsNothingMore() {
        Agency agency = new Agency();
        String id = paidSms(agency, "sent").get("id").toString();
        // What another consumer holds while its call is under way (as when a dropped connection hands the same
        // wake-up to a second consumer): the attempt "sending", started a moment ago.
        sendingSince(agency, id, "now()");
        wakeUp(agency, id);
        // Retried (1 s steps here) and dead-lettered while the attempt is young: nothing sent twice.
        deadLetter(id);
        JsonPath held = agency.message(id);
        assertThat(held.getInt("attempts")).isEqualTo(1);
        assertThat(held.getList("attemptLog.status")).containsExactly("sending");
        assertThat(Upstreams.smsTo(Upstreams.primary(), agency.agentPhone)).hasSize(1);
    }

    @Test
    void signedDeliveryCallbacksMarkTheMessageDeliveredAndForgedOnesAreRefused() {
        Agency agency = new Agency();
        Map<String, Object> sms = paidSms(agency, "sent");
        String id = sms.get("id").toString();
        String sid = agency.message(id).getString("providerMessageId");
        String path = "/webhooks/sms/twilio/" + agency.id() + "/" + id;
        Map<String, String> form =
                Map.of("MessageSid", sid, "MessageStatus", "delivered", "AccountSid", Upstreams.PRIMARY_SID);
        // Signed with another key, or for another message's URL: refused, nothing changes.
        callback(path, form, ProviderSignatures.sign("not-the-token", Upstreams.PUBLIC_URL + path, form))
                .then()
                .statusCode(403);
        String otherPath = "/webhooks/sms/twilio/" + agency.id() + "/" + UUID.randomUUID();
        callback(path, form, ProviderSignatures.sign(Upstreams.PRIMARY_TOKEN, Upstreams.PUBLIC_URL + otherPath, form))
                .then()
                .statusCode(403);
        given().contentType("application/x-www-form-urlencoded")
                .formParams(form)
                .post(path)
                .then()
                .statusCode(403);
        assertThat(agency.message(id).getString("status")).isEqualTo("sent");

        signedCallback(path, form).then().statusCode(204);
        JsonPath delivered = agency.message(id);
        assertThat(delivered.getString("status")).isEqualTo("delivered");
        assertThat(delivered.getString("deliveredAt")).isNotNull();

        // Another agency's id in the URL finds nothing there (and the signature covers the URL anyway).
        Agency other = new Agency();
        String foreign = "/webhooks/sms/twilio/" + other.id() + "/" + id;
        signedCallback(foreign, form).then().statusCode(404);
    }

    @Test
    void aFailedDeliveryReportFailsTheMessageWithTheProvidersCode() {
        Agency agency = new Agency();
        String id = paidSms(agency, "sent").get("id").toString();
        String sid = agency.message(id).getString("providerMessageId");
        String path = "/webhooks/sms/twilio/" + agency.id() + "/" + id;
        Map<String, String> form = Map.of("MessageSid", sid, "MessageStatus", "undelivered", "ErrorCode", "30003");
        signedCallback(path, form).then().statusCode(204);
        assertThat(agency.message(id).getString("status")).isEqualTo("failed");
        assertThat(agency.message(id).getString("lastError")).contains("undelivered", "30003");
    }

    @Test
    void aCrashBetweenTheProviderCallAndTheCommitSendsAgainAndTheLogShowsWhy() {
        Agency agency = new Agency();
        String id = paidSms(agency, "sent").get("id").toString();
        // What a process that died right after the provider took the SMS leaves: the attempt still "sending".
        // It started longer ago than any call may last (the handler's timeout).
        sendingSince(agency, id, "now() - interval '5 minutes'");
        wakeUp(agency, id);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> agency.message(id).getInt("attempts") == 2
                        && "sent".equals(agency.message(id).getString("status")));
        JsonPath message = agency.message(id);
        assertThat(message.getList("attemptLog.status")).containsExactly("unknown", "sent");
        assertThat(message.getString("attemptLog[0].error")).contains("process stopped during the call");
        assertThat(Upstreams.smsTo(Upstreams.primary(), agency.agentPhone)).hasSize(2);
    }

    @Test
    void aRedeliveredWakeUpForASentMessageSendsNothing() {
        Agency agency = new Agency();
        String id = paidSms(agency, "sent").get("id").toString();
        ObjectNode again = TestBroker.envelope(
                agency.id(),
                NotificationEvents.DELIVER.type().type(),
                NotificationEvents.DELIVER.type().dataschema(),
                id,
                new NotificationEvents.Deliver(UUID.fromString(id), "sms"));
        TestBroker.publish(again, NotificationEvents.DELIVER.type().exchange());
        TestBroker.publish(again, NotificationEvents.DELIVER.type().exchange());
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(4))
                .until(() ->
                        Upstreams.smsTo(Upstreams.primary(), agency.agentPhone).size() == 1
                                && agency.message(id).getInt("attempts") == 1);
    }

    /** Puts a sent message back to "sending", its attempt started at {@code startedAt} (SQL) with no outcome. */
    private static void sendingSince(Agency agency, String id, String startedAt) {
        TenantSql.run(agency.id(), "update messages set status = 'sending' where id = ?", UUID.fromString(id));
        TenantSql.run(
                agency.id(),
                "update message_attempts set status = 'sending', finished_at = null, started_at = " + startedAt
                        + " where message_id = ?",
                UUID.fromString(id));
    }

    /** The wake-up of a message, as the planner publishes it (again). */
    private static void wakeUp(Agency agency, String id) {
        ObjectNode wakeUp = TestBroker.envelope(
                agency.id(),
                NotificationEvents.DELIVER.type().type(),
                NotificationEvents.DELIVER.type().dataschema(),
                id,
                new NotificationEvents.Deliver(UUID.fromString(id), "sms"));
        TestBroker.publish(wakeUp, NotificationEvents.DELIVER.type().exchange());
    }

    /** The dead letter of a message's wake-up, once it is there. */
    private static Map<String, Object> deadLetter(String id) {
        String operator = TestTokens.token("platform_admin", null);
        return await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> given()
                                .auth()
                                .oauth2(operator)
                                .queryParam("limit", 500)
                                .get("/internal/dead-letters/" + DeliveriesHandler.QUEUE.name())
                                .jsonPath()
                                .<Map<String, Object>>getList("")
                                .stream()
                                .filter(letter -> id.equals(((Map<?, ?>) letter.get("event")).get("subject")))
                                .findFirst(),
                        java.util.Optional::isPresent)
                .orElseThrow();
    }

    /** A callback signed as the primary provider signs it, for the URL it is posted to. */
    private static io.restassured.response.Response signedCallback(String path, Map<String, String> form) {
        return callback(
                path, form, ProviderSignatures.sign(Upstreams.PRIMARY_TOKEN, Upstreams.PUBLIC_URL + path, form));
    }

    private static io.restassured.response.Response callback(String path, Map<String, String> form, String signature) {
        return given().contentType("application/x-www-form-urlencoded")
                .header("X-Twilio-Signature", signature)
                .formParams(form)
                .post(path);
    }
}
