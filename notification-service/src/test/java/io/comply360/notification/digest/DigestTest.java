package io.comply360.notification.digest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

import io.comply360.notification.Agency;
import io.comply360.notification.MailParts;
import io.comply360.notification.TenantSql;
import io.comply360.notification.Upstreams;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;

/** Tenant admins' daily digest: at their time, once a day, only when there is something in it. */
@QuarkusTest
class DigestTest {

    @Inject
    Digests digests;

    private static Map<String, Object> item(String reference, String status, String dueAt) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("registrationId", UUID.randomUUID().toString());
        item.put("reference", reference);
        item.put("country", "ZA");
        item.put("type", "private-company");
        item.put("status", status);
        item.put("agentId", "agent-1");
        item.put("assigneeId", null);
        item.put("enteredAt", "2026-12-01T08:00:00Z");
        item.put("dueAt", dueAt);
        return item;
    }

    private static Map<String, Object> digest(UUID tenantId, int waiting, int warnings, int breached) {
        return Map.of(
                "tenantId", tenantId.toString(),
                "generatedAt", Instant.now().toString(),
                "waitingForReview",
                        Map.of(
                                "count",
                                waiting,
                                "items",
                                waiting == 0
                                        ? List.of()
                                        : List.of(item("REG-2026-000101", "SUBMITTED", "2026-12-05T13:00:00Z"))),
                "slaWarnings",
                        Map.of(
                                "count",
                                warnings,
                                "items",
                                warnings == 0
                                        ? List.of()
                                        : List.of(item("REG-2026-000102", "IN_REVIEW", "2026-12-04T15:00:00Z"))),
                "slaBreached",
                        Map.of(
                                "count",
                                breached,
                                "items",
                                breached == 0
                                        ? List.of()
                                        : List.of(item("REG-2026-000103", "IN_REVIEW", "2026-12-03T10:00:00Z"))));
    }

    private static void enableDigestDueNow(Agency agency, String admin) {
        given().auth()
                .oauth2(agency.token(admin, "tenant_admin"))
                .contentType(ContentType.JSON)
                .body(Map.of("optedOut", false, "digest", Map.of("enabled", true, "at", "07:30")))
                .put("/api/v1/notification-preferences")
                .then()
                .statusCode(200);
        TenantSql.run(
                agency.id(),
                "update user_settings set next_digest_at = now() - interval '1 minute' where user_id = ?",
                admin);
    }

    private int sendDue() throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> digests.sendDue());
    }

    @Test
    void aDueDigestListsWhatWaitsOnceADayInTheAdminsLocale() throws Throwable {
        Agency agency = new Agency();
        Upstreams.digest(agency.id(), digest(agency.id(), 3, 1, 1));
        enableDigestDueNow(agency, agency.adminAf);
        assertThat(sendDue()).isGreaterThanOrEqualTo(1);
        String address = Agency.email(agency.adminAf);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> !Upstreams.mailTo(address).isEmpty());
        MimeMessage mail = Upstreams.mailTo(address).get(0);
        assertThat(mail.getSubject()).isEqualTo("Jou daaglikse opsomming: 3 wag, 1 agterstallig");
        assertThat(MailParts.text(mail))
                .contains("3 liasserings wag vir hersiening, 1 is binne 24 uur verskuldig en 1 is agterstallig")
                .contains("- REG-2026-000103 (in review), sperdatum 2026-12-03 12:00")
                .contains("- REG-2026-000101 (submitted)");
        // In the inbox too; and not again today.
        await().atMost(Duration.ofSeconds(10))
                .until(() -> given().auth()
                                .oauth2(agency.token(agency.adminAf, "tenant_admin"))
                                .get("/api/v1/notifications")
                                .jsonPath()
                                .getInt("total")
                        == 1);
        sendDue();
        await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(3))
                .until(() -> Upstreams.mailTo(address).size() == 1);
    }

    private static final ZoneId AGENCY_ZONE = ZoneId.of("Africa/Johannesburg");

    /** When the admin's digest is due next, in the agency's zone, and the day of one being sent. */
    private static String schedule(Agency agency, String admin) {
        return (String) TenantSql.value(
                agency.id(),
                "select to_char(next_digest_at at time zone 'Africa/Johannesburg', 'YYYY-MM-DD HH24:MI')"
                        + " || ' ' || coalesce(digest_day::text, '-') from user_settings where user_id = ?",
                admin);
    }

    /** What a replica that claimed the digest of {@code day} and stopped before planning it leaves behind. */
    private static void staleClaim(Agency agency, String admin, LocalDate day) {
        TenantSql.run(
                agency.id(),
                "update user_settings set digest_day = ?, next_digest_at = now() - interval '1 second'"
                        + " where user_id = ?",
                day,
                admin);
    }

    @Test
    void aDigestClaimedByAScanThatStoppedIsSentByTheNextScanOnceThenTomorrowsIsDue() throws Throwable {
        Agency agency = new Agency();
        Upstreams.digest(agency.id(), digest(agency.id(), 2, 0, 0));
        enableDigestDueNow(agency, agency.adminEn);
        LocalDate today = LocalDate.now(AGENCY_ZONE);
        // Claimed today by a replica that stopped; its lease has run out.
        staleClaim(agency, agency.adminEn, today);
        sendDue();
        String address = Agency.email(agency.adminEn);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Upstreams.mailTo(address).size() == 1);
        assertThat(schedule(agency, agency.adminEn)).isEqualTo(today.plusDays(1) + " 07:30 -");

        // A second stale claim of the same day (another replica's) sends nothing more.
        staleClaim(agency, agency.adminEn, today);
        sendDue();
        await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(3))
                .until(() -> Upstreams.mailTo(address).size() == 1);
        assertThat(schedule(agency, agency.adminEn)).isEqualTo(today.plusDays(1) + " 07:30 -");
    }

    @Test
    void savingOtherPreferencesKeepsTodaysDigestDueAndANewTimeMovesIt() throws Throwable {
        Agency agency = new Agency();
        Upstreams.digest(agency.id(), digest(agency.id(), 1, 0, 0));
        enableDigestDueNow(agency, agency.adminEn);
        String due = schedule(agency, agency.adminEn);
        // The admin sets quiet hours a minute after the digest time, before the scan ran: today's stays due.
        given().auth()
                .oauth2(agency.token(agency.adminEn, "tenant_admin"))
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "optedOut",
                        false,
                        "quietHours",
                        Map.of("start", "21:00", "end", "06:00"),
                        "digest",
                        Map.of("enabled", true, "at", "07:30")))
                .put("/api/v1/notification-preferences")
                .then()
                .statusCode(200);
        assertThat(schedule(agency, agency.adminEn)).isEqualTo(due);
        sendDue();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Upstreams.mailTo(Agency.email(agency.adminEn)).size() == 1);

        // A new time counts from now: the next 06:15 to come.
        given().auth()
                .oauth2(agency.token(agency.adminEn, "tenant_admin"))
                .contentType(ContentType.JSON)
                .body(Map.of("optedOut", false, "digest", Map.of("enabled", true, "at", "06:15")))
                .put("/api/v1/notification-preferences")
                .then()
                .statusCode(200);
        java.time.ZonedDateTime now = java.time.ZonedDateTime.now(AGENCY_ZONE);
        LocalDate next = now.toLocalTime().isBefore(java.time.LocalTime.of(6, 15))
                ? now.toLocalDate()
                : now.toLocalDate().plusDays(1);
        assertThat(schedule(agency, agency.adminEn)).isEqualTo(next + " 06:15 -");
    }

    @Test
    void anEmptyDigestIsNotSentAndSomeoneNoLongerAnAdminGetsNone() throws Throwable {
        Agency agency = new Agency();
        Upstreams.digest(agency.id(), digest(agency.id(), 0, 0, 0));
        enableDigestDueNow(agency, agency.adminEn);
        sendDue();
        await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(3))
                .until(() -> Upstreams.mailTo(Agency.email(agency.adminEn)).isEmpty());

        Agency other = new Agency();
        Upstreams.digest(other.id(), digest(other.id(), 2, 0, 0));
        enableDigestDueNow(other, other.adminEn);
        // Demoted to agent since choosing the digest.
        Upstreams.person(other.id(), other.adminEn, "Anna", Agency.email(other.adminEn), null, "en", "agent");
        sendDue();
        await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(3))
                .until(() -> Upstreams.mailTo(Agency.email(other.adminEn)).isEmpty());
    }
}
