package io.comply360.notification.inapp;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.comply360.notification.Agency;
import io.comply360.notification.TenantSql;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** A person's inbox: listing, unread count, reading, and live updates over SSE (also from another replica). */
@QuarkusTest
class InboxTest {

    private static String approved(Agency agency, UUID registration) {
        return agency.approved(
                "REG-2026-" + String.format("%06d", Math.abs(registration.getLeastSignificantBits() % 1_000_000)));
    }

    private static JsonPath inbox(String token, boolean unread) {
        return given().auth()
                .oauth2(token)
                .queryParam("unread", unread)
                .get("/api/v1/notifications")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static long unread(String token) {
        return given().auth()
                .oauth2(token)
                .get("/api/v1/notifications/unread-count")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getLong("unread");
    }

    @Test
    void theInboxCountsUnreadAndMarksOneOrAllRead() {
        Agency agency = new Agency();
        String agent = agency.token(agency.agent, "agent");
        approved(agency, UUID.randomUUID());
        approved(agency, UUID.randomUUID());
        await().atMost(Duration.ofSeconds(30)).until(() -> unread(agent) == 2);
        List<String> ids = inbox(agent, false).getList("items.id", String.class);
        assertThat(ids).hasSize(2);

        given().auth()
                .oauth2(agent)
                .post("/api/v1/notifications/" + ids.get(0) + "/read")
                .then()
                .statusCode(204);
        given().auth()
                .oauth2(agent)
                .post("/api/v1/notifications/" + ids.get(0) + "/read")
                .then()
                .statusCode(204);
        assertThat(unread(agent)).isEqualTo(1);
        assertThat(inbox(agent, true).getList("items.id", String.class)).containsExactly(ids.get(1));
        assertThat(inbox(agent, false).getString("items.find { it.id == '" + ids.get(0) + "' }.readAt"))
                .isNotNull();

        // Someone else's notification, another agency's, or none at all: 404 alike.
        given().auth()
                .oauth2(agency.token(agency.reviewer, "agent"))
                .post("/api/v1/notifications/" + ids.get(1) + "/read")
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(new Agency().token(agency.agent, "agent"))
                .post("/api/v1/notifications/" + ids.get(1) + "/read")
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(agent)
                .post("/api/v1/notifications/" + UUID.randomUUID() + "/read")
                .then()
                .statusCode(404);
        assertThat(unread(agent)).isEqualTo(1);

        given().auth()
                .oauth2(agent)
                .post("/api/v1/notifications/read-all")
                .then()
                .statusCode(200)
                .body("marked", org.hamcrest.Matchers.equalTo(1));
        assertThat(unread(agent)).isZero();
        given().auth()
                .oauth2(agent)
                .post("/api/v1/notifications/read-all")
                .then()
                .statusCode(200)
                .body("marked", org.hamcrest.Matchers.equalTo(0));
    }

    @Test
    void aConnectedPortalGetsANewNotificationWithinASecondAndNotSomeoneElses() throws Exception {
        Agency agency = new Agency();
        try (SseClient agent = new SseClient(agency.token(agency.agent, "agent"));
                SseClient reviewer = new SseClient(agency.token(agency.reviewer, "agent"))) {
            assertThat(agent.status()).isEqualTo(200);
            assertThat(agent.next("unread", Duration.ofSeconds(10)).data()).isEqualTo("{\"unread\":0}");
            assertThat(reviewer.next("unread", Duration.ofSeconds(10))).isNotNull();

            approved(agency, UUID.randomUUID());
            SseClient.Event event = agent.next("notification", Duration.ofSeconds(30));
            assertThat(event).isNotNull();
            JsonPath notification = new JsonPath(event.data());
            assertThat(notification.getString("kind")).isEqualTo("registration.approved");
            // From the moment the notification was written (and committed just after) to the portal: under a second.
            Instant created = Instant.parse(notification.getString("createdAt"));
            long arrivedMillis = System.currentTimeMillis()
                    - Duration.ofNanos(System.nanoTime() - event.arrivedAt()).toMillis();
            assertThat(arrivedMillis - created.toEpochMilli()).isLessThan(1000);
            assertThat(agent.next("unread", Duration.ofSeconds(5)).data()).isEqualTo("{\"unread\":1}");

            // The reviewer's portal hears nothing of the agent's inbox.
            assertThat(reviewer.next("notification", Duration.ofSeconds(2))).isNull();

            // Reading it elsewhere (another tab) updates the count live.
            given().auth()
                    .oauth2(agency.token(agency.agent, "agent"))
                    .post("/api/v1/notifications/" + notification.getString("id") + "/read")
                    .then()
                    .statusCode(204);
            assertThat(agent.next("unread", Duration.ofSeconds(5)).data()).isEqualTo("{\"unread\":0}");
        }
    }

    @Test
    void aNotificationWrittenByAnotherReplicaReachesThePortalWithinASecond() throws Exception {
        Agency agency = new Agency();
        try (SseClient agent = new SseClient(agency.token(agency.agent, "agent"))) {
            assertThat(agent.next("unread", Duration.ofSeconds(10))).isNotNull();
            UUID id = UUID.randomUUID();
            // Another replica's transaction: the row and its announcement, committed together.
            long committed = System.nanoTime();
            TenantSql.run(
                    agency.id(),
                    "with n as (insert into notifications (id, tenant_id, audience_user, kind, workflow, title, body,"
                            + " source_event_id, created_at) values (?, ?, ?, 'notification.requested',"
                            + " 'notification.requested', 'From another replica', 'Hello', ?, now()) returning id)"
                            + " select pg_notify('comply360_inbox', ? || '|notification|' || (select id from n) || '|' || ?)",
                    id,
                    agency.id(),
                    agency.agent,
                    UUID.randomUUID().toString(),
                    agency.id().toString(),
                    agency.agent);
            SseClient.Event event = agent.next("notification", Duration.ofSeconds(5));
            assertThat(event).isNotNull();
            assertThat(new JsonPath(event.data()).getString("title")).isEqualTo("From another replica");
            assertThat(Duration.ofNanos(event.arrivedAt() - committed).toMillis())
                    .isLessThan(1000);
        }
    }

    @Test
    void theStreamNeedsASignedInPerson() throws Exception {
        try (SseClient anonymous = new SseClient(null)) {
            assertThat(anonymous.status()).isEqualTo(401);
        }
    }
}
