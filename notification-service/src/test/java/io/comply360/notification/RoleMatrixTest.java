package io.comply360.notification;

import static io.comply360.platform.testkit.TestTokens.as;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.comply360.notification.delivery.ProviderSignatures;
import io.comply360.platform.testkit.RoleMatrixRunner;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;

/**
 * Every route of notification-service in docs/roles.json called anonymously and as every role of its own agency and
 * of another, compared with the matrix. Inboxes and preferences are each person's own (the matrix's callers are
 * people of their own: their own notification is read, another agency's answers 404); templates and the delivery log
 * are the tenant admins' and per agency (another agency's admin sees the built-in template, never this agency's
 * version; another agency's message answers 404). The SMS callback needs no token and reads none: the provider's
 * signature decides, whoever calls. The DLQ routes are the platform's and, as in the other services, not run here.
 */
@QuarkusTest
class RoleMatrixTest {

    private static final String APPROVED_EMAIL = "/api/v1/templates/registration.approved/email/en";
    private static final String APPROVED_IN_APP = "/api/v1/templates/registration.approved/in_app/en";

    @Inject
    CircuitBreakerMaintenance breakers;

    private final Agency home = new Agency();
    private final Agency stranger = new Agency();

    private RoleMatrixRunner route(String method, String path, int success, int foreign) {
        return RoleMatrixRunner.forRoute(method, path)
                .own(home.tenant)
                .stranger(stranger.tenant)
                .successStatus(success)
                .foreignStatus(foreign);
    }

    /** The user id in a token (its subject). */
    private static String subject(String token) {
        String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        return new JsonPath(payload).getString("sub");
    }

    /** A person of the home agency reads one of their own notifications; anyone else names one of the agent's. */
    private UUID notificationFor(RoleMatrixRunner.Caller c) {
        return home.notification(c.own() && c.tenantId() != null ? subject(c.token()) : home.agent);
    }

    @Test
    void inbox() {
        home.notification(home.agent);
        route("GET", "/api/v1/notifications", 200, 200).run(c -> as(c.token()).get("/api/v1/notifications"));
        route("GET", "/api/v1/notifications/unread-count", 200, 200)
                .run(c -> as(c.token()).get("/api/v1/notifications/unread-count"));
        route("POST", "/api/v1/notifications/{id}/read", 204, 404)
                .run(c -> as(c.token()).post("/api/v1/notifications/" + notificationFor(c) + "/read"));
        route("POST", "/api/v1/notifications/read-all", 200, 200)
                .run(c -> as(c.token()).post("/api/v1/notifications/read-all"));
    }

    @Test
    void anInboxIsItsPersonsAloneEvenForTheSameUserIdInAnotherAgency() {
        UUID mine = home.notification(home.agent);
        // Another person of the agency, a tenant admin too: 404.
        assertThat(as(home.adminToken())
                        .post("/api/v1/notifications/" + mine + "/read")
                        .statusCode())
                .isEqualTo(404);
        // The same user id in another agency: an inbox of its own, empty, and the notification is not found.
        String twin = stranger.token(home.agent, "agent");
        assertThat(as(twin).get("/api/v1/notifications/unread-count").jsonPath().getLong("unread"))
                .isZero();
        assertThat(as(twin).get("/api/v1/notifications").jsonPath().getList("items"))
                .isEmpty();
        assertThat(as(twin).post("/api/v1/notifications/" + mine + "/read").statusCode())
                .isEqualTo(404);
        assertThat(as(twin).post("/api/v1/notifications/read-all").jsonPath().getInt("marked"))
                .isZero();
        String agent = home.token(home.agent, "agent");
        assertThat(as(agent)
                        .get("/api/v1/notifications/unread-count")
                        .jsonPath()
                        .getLong("unread"))
                .isEqualTo(1);
    }

    @Test
    void preferences() {
        route("GET", "/api/v1/notification-preferences", 200, 200)
                .run(c -> as(c.token()).get("/api/v1/notification-preferences"));
        route("PUT", "/api/v1/notification-preferences", 200, 200)
                .run(c -> as(c.token())
                        .contentType(ContentType.JSON)
                        .body(Map.of("optedOut", true))
                        .put("/api/v1/notification-preferences"));
        // Per person and per agency: the same user id in another agency has preferences of their own.
        as(home.token(home.agent, "agent"))
                .contentType(ContentType.JSON)
                .body(Map.of("optedOut", true, "quietHours", Map.of("start", "21:00", "end", "06:00")))
                .put("/api/v1/notification-preferences")
                .then()
                .statusCode(200);
        JsonPath twin = as(stranger.token(home.agent, "agent"))
                .get("/api/v1/notification-preferences")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(twin.getBoolean("optedOut")).isFalse();
        assertThat(twin.getMap("quietHours")).isNull();
    }

    @Test
    void templates() {
        // This agency's own version of a template, which another agency's admin must never see.
        for (int i = 1; i <= 2; i++) {
            as(home.adminToken())
                    .contentType(ContentType.JSON)
                    .body(Map.of("subject", "Home only " + i + ": {filing.reference}", "body", "Approved at home."))
                    .put(APPROVED_EMAIL)
                    .then()
                    .statusCode(200);
        }
        route("GET", "/api/v1/templates", 200, 200).run(c -> as(c.token()).get("/api/v1/templates"));
        route("GET", "/api/v1/templates/{workflow}/{channel}/{locale}", 200, 200)
                .run(c -> as(c.token()).get(APPROVED_EMAIL));
        route("GET", "/api/v1/templates/{workflow}/{channel}/{locale}/versions", 200, 200)
                .run(c -> as(c.token()).get(APPROVED_EMAIL + "/versions"));
        route("POST", "/api/v1/templates/{workflow}/{channel}/{locale}/preview", 200, 200)
                .run(c -> as(c.token())
                        .contentType(ContentType.JSON)
                        .body(Map.of())
                        .post(APPROVED_EMAIL + "/preview"));
        route("PUT", "/api/v1/templates/{workflow}/{channel}/{locale}", 200, 200)
                .run(c -> as(c.token())
                        .contentType(ContentType.JSON)
                        .body(Map.of("subject", "Approved: {filing.reference}", "body", "Well done."))
                        .put(APPROVED_IN_APP));
        route("DELETE", "/api/v1/templates/{workflow}/{channel}/{locale}", 200, 200)
                .run(c -> as(c.token()).delete(APPROVED_IN_APP));

        // Another agency's admin: the built-in template, no versions, a preview without this agency's text.
        String foreign = stranger.adminToken();
        JsonPath theirs =
                as(foreign).get(APPROVED_EMAIL).then().statusCode(200).extract().jsonPath();
        assertThat(theirs.getString("source")).isEqualTo("default");
        assertThat(theirs.getInt("version")).isZero();
        assertThat(theirs.getString("subject")).doesNotContain("Home only");
        assertThat(as(foreign).get(APPROVED_EMAIL + "/versions").jsonPath().getList("$"))
                .isEmpty();
        assertThat(as(foreign)
                        .get("/api/v1/templates")
                        .jsonPath()
                        .getList(
                                "findAll { it.workflow == 'registration.approved' && it.channel == 'email'"
                                        + " && it.locale == 'en' }.version",
                                Integer.class))
                .containsExactly(0);
        assertThat(as(foreign)
                        .contentType(ContentType.JSON)
                        .body(Map.of())
                        .post(APPROVED_EMAIL + "/preview")
                        .jsonPath()
                        .getString("subject"))
                .doesNotContain("Home only");
        // At home it is still the agency's own, at its version.
        JsonPath ours = as(home.adminToken())
                .get(APPROVED_EMAIL)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(ours.getString("source")).isEqualTo("tenant");
        assertThat(ours.getInt("version")).isEqualTo(2);
        assertThat(ours.getString("subject")).startsWith("Home only 2");
    }

    @Test
    void deliveryLog() {
        String eventId = home.approved("REG-2026-000777");
        String id = home.messagesOf(eventId, 2).get(0).get("id").toString();
        route("GET", "/api/v1/notification-deliveries", 200, 200)
                .run(c -> as(c.token()).get("/api/v1/notification-deliveries"));
        route("GET", "/api/v1/notification-deliveries/{id}", 200, 404)
                .run(c -> as(c.token()).get("/api/v1/notification-deliveries/" + id));
        // Another agency's log lists nothing of this one's, whatever the filter.
        assertThat(as(stranger.adminToken())
                        .queryParam("recipient", home.key(home.agent))
                        .get("/api/v1/notification-deliveries")
                        .jsonPath()
                        .getInt("total"))
                .isZero();
    }

    @Test
    void liveUpdatesStream() {
        route("GET", "/api/v1/notifications/stream", 200, 200).run(c -> streamStatus(c.token()));
    }

    /**
     * The status of a stream request: refusals are read whole (they end); an accepted stream never ends, so only its
     * status line and headers are read before the connection is closed.
     */
    private static Response streamStatus(String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + RestAssured.port + "/api/v1/notifications/stream"))
                .timeout(Duration.ofSeconds(10))
                .header("Accept", "text/event-stream");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<InputStream> response =
                RawHttp.send(request.GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        try (InputStream body = response.body()) {
            String text = response.statusCode() >= 400 ? new String(body.readAllBytes(), StandardCharsets.UTF_8) : "";
            if (response.statusCode() == 200) {
                assertThat(contentType).startsWith("text/event-stream");
            }
            return RawHttp.response(response.statusCode(), contentType, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void smsDeliveryCallbacksAreDecidedByTheSignatureNotByAToken() {
        breakers.resetAll();
        Upstreams.smsUp(Upstreams.primary());
        Upstreams.smsUp(Upstreams.fallback());
        String id = home.settled(home.paid("2250.00"), "sms", "sent").get("id").toString();
        String sid = home.message(id).getString("providerMessageId");
        String path = "/webhooks/sms/twilio/" + home.id() + "/" + id;
        Map<String, String> form = Map.of("MessageSid", sid, "MessageStatus", "delivered");
        String signature = ProviderSignatures.sign(Upstreams.PRIMARY_TOKEN, Upstreams.PUBLIC_URL + path, form);

        // Forged: refused whoever calls, a tenant admin of the agency included.
        route("POST", "/webhooks/sms/{provider}/{tenantId}/{messageId}", 403, 403)
                .run(c -> as(c.token())
                        .contentType("application/x-www-form-urlencoded")
                        .header("X-Twilio-Signature", "forged" + signature)
                        .formParams(form)
                        .post(path));
        assertThat(home.message(id).getString("status")).isEqualTo("sent");
        // Signed by the provider: accepted whoever calls (no token is needed, none is read).
        route("POST", "/webhooks/sms/{provider}/{tenantId}/{messageId}", 204, 204)
                .run(c -> as(c.token())
                        .contentType("application/x-www-form-urlencoded")
                        .header("X-Twilio-Signature", signature)
                        .formParams(form)
                        .post(path));
        assertThat(home.message(id).getString("status")).isEqualTo("delivered");
        assertThat(home.message(id).getString("providerMessageId")).isEqualTo(sid);
    }
}
