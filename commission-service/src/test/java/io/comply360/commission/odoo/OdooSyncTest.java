package io.comply360.commission.odoo;

import static io.comply360.platform.testkit.TestTokens.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.comply360.commission.Fixtures;
import io.comply360.commission.Fixtures.Agency;
import io.comply360.commission.UpstreamsStub;
import io.comply360.platform.broker.Topology;
import io.comply360.platform.testkit.EventSchemas;
import io.comply360.platform.testkit.Management;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;

/**
 * The sync with an agency's Odoo, driven through the real XML-RPC client against {@link OdooFake} (Odoo 17's
 * replies): partners, leads, a settlement's vendor bill and its payment; a lost reply (a crash between Odoo's commit
 * and ours) and Odoo down for a while create nothing twice; a validation fault stops the job; a refused key shows
 * on the settings. Waits are compressed by the test profile's backoff settings (200 ms doubling to 2 s).
 */
@QuarkusTest
class OdooSyncTest {

    private static final ZoneId SA = ZoneId.of("Africa/Johannesburg");
    private static final OdooFake odoo = new OdooFake().start();
    private static int sequence = 500_000;

    @Inject
    SyncRuns runs;

    private Agency agency;

    @AfterAll
    static void stopOdoo() {
        odoo.close();
    }

    @BeforeEach
    void connect() {
        odoo.reset();
        odoo.start();
        agency = Fixtures.agency();
        UpstreamsStub.person(agency.tenant().id(), agency.agent().id(), "Thandi", "Dlamini", "thandi@acme.test");
        saveSettings(odoo.apiKey());
        Fixtures.rateCard(
                agency.admin().token(),
                LocalDate.of(2026, 1, 1),
                false,
                List.of(Fixtures.line("ZW", "private-company", "450.00", Fixtures.fixed("50.00"))));
    }

    private JsonNode saveSettings(String key) {
        return saveSettings(key, true);
    }

    private JsonNode saveSettings(String key, boolean enabled) {
        return Fixtures.read(as(agency.admin().token())
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "url", odoo.url(),
                        "database", odoo.database(),
                        "login", odoo.login(),
                        "apiKey", key,
                        "enabled", enabled))
                .put("/api/v1/odoo/settings")
                .then()
                .statusCode(200)
                .extract()
                .asString());
    }

    private void runDue() {
        try {
            VertxContextSupport.subscribeAndAwait(() -> runs.runDue());
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode jobs(String entity) {
        return Fixtures.read(as(agency.admin().token())
                        .get("/api/v1/odoo/jobs?entity=" + entity)
                        .asString())
                .path("items");
    }

    /** A filing registered and approved; answers the commission. */
    private JsonNode approvedCommission() {
        UUID id = UUID.randomUUID();
        String reference = "ACME-2026-" + (++sequence);
        Fixtures.send(
                Fixtures.registrationEvent(
                        agency.tenant().id(),
                        "registration.registered",
                        id,
                        reference,
                        "ZW",
                        "private-company",
                        agency.agent().id(),
                        "REGISTERED",
                        9,
                        LocalDate.of(2026, 11, 10).atTime(10, 0).atZone(SA).toInstant()),
                Topology.REGISTRATION_EVENTS);
        JsonNode[] found = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            for (JsonNode k : Fixtures.read(as(agency.admin().token())
                            .get("/api/v1/commissions")
                            .asString())
                    .path("items")) {
                if (k.path("registrationId").asText().equals(id.toString())) {
                    found[0] = k;
                    return true;
                }
            }
            return false;
        });
        as(agency.admin().token())
                .post("/api/v1/commissions/" + found[0].path("id").asText() + "/approve")
                .then()
                .statusCode(200);
        return found[0];
    }

    private String settle() {
        return Fixtures.read(as(agency.admin().token())
                        .contentType(ContentType.JSON)
                        .body(Map.of("periodEnd", "2026-11-30"))
                        .post("/api/v1/settlements")
                        .then()
                        .statusCode(201)
                        .extract()
                        .asString())
                .path("created")
                .get(0)
                .path("id")
                .asText();
    }

    private String settlementStatus(String id) {
        return Fixtures.read(as(agency.admin().token())
                        .get("/api/v1/settlements/" + id)
                        .asString())
                .path("settlement")
                .path("status")
                .asText();
    }

    private List<Map<String, Object>> bills(String settlementId) {
        return odoo.records("account.move").stream()
                .filter(m -> settlementId.equals(m.get("ref")))
                .toList();
    }

    @Test
    void theKeyIsEncryptedNeverShownAndTheConnectionTestReportsVersionAndUser() {
        JsonNode view = Fixtures.read(
                as(agency.admin().token()).get("/api/v1/odoo/settings").asString());
        assertThat(view.path("apiKeySet").asBoolean()).isTrue();
        assertThat(view.toString()).doesNotContain(odoo.apiKey());
        Map<String, Object> row = Fixtures.rows(agency.tenant().id(), "select api_key_cipher from odoo_settings")
                .get(0);
        assertThat((String) row.get("api_key_cipher")).startsWith("v1:").doesNotContain(odoo.apiKey());
        JsonNode test = Fixtures.read(as(agency.admin().token())
                .post("/api/v1/odoo/settings/test")
                .then()
                .statusCode(200)
                .extract()
                .asString());
        assertThat(test.path("serverVersion").asText()).isEqualTo("17.0");
        assertThat(test.path("uid").asInt()).isEqualTo(odoo.uid());
    }

    @Test
    void aSettlementBecomesOnePostedVendorBillAndItsPaymentIsReadBack() {
        JsonNode commission = approvedCommission();
        String settlement = settle();
        await().atMost(Duration.ofSeconds(30)).until(() -> "INVOICED".equals(settlementStatus(settlement)));
        List<Map<String, Object>> bills = bills(settlement);
        assertThat(bills).hasSize(1);
        assertThat(bills.get(0).get("move_type")).isEqualTo("in_invoice");
        assertThat(bills.get(0).get("state")).isEqualTo("posted");
        assertThat(odoo.records("res.partner"))
                .filteredOn(p -> ("comply360-agent-" + agency.agent().id()).equals(p.get("ref")))
                .singleElement()
                .satisfies(p -> assertThat(p.get("name")).isEqualTo("Thandi Dlamini"));
        assertThat(Fixtures.read(as(agency.admin().token())
                                .get("/api/v1/commissions/"
                                        + commission.path("id").asText())
                                .asString())
                        .path("status")
                        .asText())
                .isEqualTo("INVOICED");

        odoo.setField("account.move", (Integer) bills.get(0).get("id"), "payment_state", "paid");
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            runDue();
            return "PAID".equals(settlementStatus(settlement));
        });
        assertThat(Fixtures.events(settlement))
                .extracting(e -> e.path("type").asText())
                .containsExactly("commission.settled", "commission.invoiced", "commission.paid")
                .hasSize(3);
        Fixtures.events(settlement).forEach(EventSchemas::assertValid);
    }

    @Test
    void anAgentWhoLeftTheAgencyIsStillPaidThroughAPartnerNamedByTheirId() {
        UpstreamsStub.personGone(agency.tenant().id(), agency.agent().id());
        approvedCommission();
        String settlement = settle();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            runDue();
            return "INVOICED".equals(settlementStatus(settlement));
        });
        assertThat(odoo.records("res.partner"))
                .filteredOn(p -> ("comply360-agent-" + agency.agent().id()).equals(p.get("ref")))
                .singleElement()
                .satisfies(
                        p -> assertThat(p.get("name")).isEqualTo(agency.agent().id()));
        assertThat(bills(settlement)).hasSize(1);
        JsonNode job = jobs("bill").get(0);
        assertThat(job.path("status").asText()).isEqualTo("DONE");
        assertThat(job.path("attempts").asInt())
                .as("tenant-service's 404 is an answer, not a failure")
                .isZero();
    }

    @Test
    void aReplyLostAfterOdooCommittedTheBillCreatesNoSecondBill() {
        approvedCommission();
        odoo.loseNextReply("account.move", "create");
        String settlement = settle();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            runDue();
            return "INVOICED".equals(settlementStatus(settlement));
        });
        assertThat(odoo.calls("account.move", "create")).isEqualTo(1);
        assertThat(bills(settlement)).hasSize(1);
        JsonNode job = jobs("bill").get(0);
        assertThat(job.path("status").asText()).isEqualTo("DONE");
        assertThat(job.path("attempts").asInt()).isZero();
    }

    @Test
    void aRunThatDiedBetweenOdoosCommitAndItsOwnLeavesAClaimThatExpiresThenTheBillIsFoundNotCreatedAgain() {
        approvedCommission();
        odoo.loseNextReplyAndGoDown("account.move", "create");
        String settlement = settle();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> odoo.calls("account.move", "create") == 1
                        && "PENDING".equals(jobs("bill").get(0).path("status").asText()));
        assertThat(bills(settlement)).as("Odoo committed the bill").hasSize(1);

        // What a process that died after Odoo's commit and before its own leaves: the job SENDING, still claimed.
        String rewrite = "update odoo_jobs set status = 'SENDING', claimed_until = now() + cast(? as interval),"
                + " next_attempt_at = now() - interval '1 second', last_error = null where entity = 'bill'"
                + " and local_id = ?";
        Fixtures.rows(agency.tenant().id(), rewrite, "1 hour", settlement);
        odoo.respondWith503(false);
        // Longer than the agency's breaker stays open (300 ms in tests), so only the claim can hold the job back.
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3)).until(() -> {
            runDue();
            return "SENDING".equals(jobs("bill").get(0).path("status").asText());
        });
        assertThat(settlementStatus(settlement))
                .as("a claimed job is left to whoever may still be sending it")
                .isEqualTo("SETTLED");

        Fixtures.rows(agency.tenant().id(), rewrite, "-1 second", settlement);
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            runDue();
            return "INVOICED".equals(settlementStatus(settlement));
        });
        assertThat(odoo.calls("account.move", "create")).isEqualTo(1);
        assertThat(bills(settlement)).hasSize(1);
        assertThat(jobs("bill").get(0).path("status").asText()).isEqualTo("DONE");
    }

    @Test
    void odooDownForAWhileIsRetriedBehindTheBreakerUntilItIsBackThenSyncedOnce() {
        approvedCommission();
        odoo.stop();
        String settlement = settle();
        // Waiting, not being sent: a wake-up's run may hold it when the third attempt is counted.
        JsonNode waiting = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> {
                            runDue();
                            return jobs("bill").get(0);
                        },
                        job -> job.path("attempts").asInt() >= 3
                                && "PENDING".equals(job.path("status").asText()));
        assertThat(waiting.path("lastErrorKind").asText()).isEqualTo("UNAVAILABLE");
        assertThat(settlementStatus(settlement)).isEqualTo("SETTLED");

        odoo.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            runDue();
            return "INVOICED".equals(settlementStatus(settlement));
        });
        assertThat(bills(settlement)).hasSize(1);
    }

    @Test
    void aValidationFaultStopsTheJobAsFailedWithAnEventAndAManualRetryFinishesIt() {
        approvedCommission();
        odoo.failNext("account.move", "create", OdooFake.Fault.VALIDATION);
        String settlement = settle();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            runDue();
            return "FAILED".equals(jobs("bill").get(0).path("status").asText());
        });
        JsonNode failed = jobs("bill").get(0);
        assertThat(failed.path("lastErrorKind").asText()).isEqualTo("VALIDATION");
        assertThat(failed.path("lastError").asText()).isNotBlank().doesNotContain("Traceback");
        // No retry loop: more runs leave it alone.
        runDue();
        runDue();
        assertThat(jobs("bill").get(0).path("attempts").asInt())
                .isEqualTo(failed.path("attempts").asInt());
        JsonNode event = Fixtures.events(failed.path("id").asText()).stream()
                .filter(e -> e.path("type").asText().equals("commission.sync_failed"))
                .findFirst()
                .orElseThrow();
        EventSchemas.assertValid(event);
        // Counted once the run's transaction has committed, so a moment after the job reads FAILED.
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(
                                Management.given().get("/q/metrics").asString())
                        .as("what an operator alerts on")
                        .contains("comply360_commission_odoo_sync_runs_total{entity=\"bill\",outcome=\"validation\"}"));

        as(agency.admin().token())
                .post("/api/v1/odoo/jobs/" + failed.path("id").asText() + "/retry")
                .then()
                .statusCode(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            runDue();
            return "INVOICED".equals(settlementStatus(settlement));
        });
        assertThat(bills(settlement)).hasSize(1);
    }

    @Test
    void aRefusedKeyFailsTheJobAndShowsOnTheSettings() {
        saveSettings("not-the-key");
        approvedCommission();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            runDue();
            JsonNode partner = jobs("partner");
            return partner.size() > 0
                    && "FAILED".equals(partner.get(0).path("status").asText());
        });
        assertThat(jobs("partner").get(0).path("lastErrorKind").asText()).isEqualTo("ACCESS_DENIED");
        JsonNode settings = Fixtures.read(
                as(agency.admin().token()).get("/api/v1/odoo/settings").asString());
        assertThat(settings.path("configurationError").asText()).contains("refused");
        as(agency.admin().token()).post("/api/v1/odoo/settings/test").then().statusCode(422);
    }

    @Test
    void aFilingIsALeadWonWhenRegistered() {
        UUID id = UUID.randomUUID();
        String reference = "ACME-2026-" + (++sequence);
        filingChanged(id, reference, "registration.submitted", "SUBMITTED", 3);
        filingChanged(id, reference, "registration.registered", "REGISTERED", 9);
        awaitLeadWon(reference);
        assertThat(odoo.records("crm.lead"))
                .filteredOn(l -> String.valueOf(l.get("name")).startsWith(reference))
                .singleElement()
                .satisfies(l -> assertThat(((Number) l.get("expected_revenue")).doubleValue())
                        .isEqualTo(450.0));
    }

    @Test
    void aChangeMadeWhileTheLeadIsBeingSentIsSentAfterIt() {
        String reference = registeredWhileTheLeadIsBeingSent();
        awaitLeadWon(reference);
        assertThat(odoo.records("crm.lead"))
                .filteredOn(l -> String.valueOf(l.get("name")).startsWith(reference))
                .hasSize(1);
        awaitLeadJobDone();
    }

    @Test
    void aRunRefusedForAStateThatChangedMeanwhileTriesTheNewStateBeforeFailing() {
        odoo.failNext("crm.lead", "create", OdooFake.Fault.VALIDATION);
        String reference = registeredWhileTheLeadIsBeingSent();
        awaitLeadWon(reference);
        JsonNode job = awaitLeadJobDone();
        assertThat(Fixtures.events(job.path("id").asText()))
                .extracting(e -> e.path("type").asText())
                .doesNotContain("commission.sync_failed");
    }

    /**
     * A filing submitted, then registered while its lead is on its way to Odoo; answers its reference. One instant
     * for everything: only the job's count of requests can tell that the change came during the run.
     */
    private String registeredWhileTheLeadIsBeingSent() {
        QuarkusMock.installMockForType(Clock.fixed(Instant.now(), ZoneOffset.UTC), Clock.class);
        odoo.delay(Duration.ofMillis(700));
        UUID id = UUID.randomUUID();
        String reference = "ACME-2026-" + (++sequence);
        filingChanged(id, reference, "registration.submitted", "SUBMITTED", 3);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> jobs("lead").size() == 1
                        && "SENDING".equals(jobs("lead").get(0).path("status").asText()));
        filingChanged(id, reference, "registration.registered", "REGISTERED", 9);
        return reference;
    }

    private void filingChanged(UUID id, String reference, String type, String status, long version) {
        Fixtures.send(
                Fixtures.registrationEvent(
                        agency.tenant().id(),
                        type,
                        id,
                        reference,
                        "ZW",
                        "private-company",
                        agency.agent().id(),
                        status,
                        version,
                        LocalDate.of(2026, 11, 12).atTime(9, 0).atZone(SA).toInstant()),
                Topology.REGISTRATION_EVENTS);
    }

    /**
     * The lead's only job once it is done. Odoo holds the won lead before the run that sent it has recorded so (the
     * run may be a wake-up's, not this test's), hence a wait rather than a look.
     */
    private JsonNode awaitLeadJobDone() {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            runDue();
            JsonNode leads = jobs("lead");
            return leads.size() == 1
                    && "DONE".equals(leads.get(0).path("status").asText());
        });
        return jobs("lead").get(0);
    }

    private void awaitLeadWon(String reference) {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            runDue();
            return odoo.records("crm.lead").stream()
                    .anyMatch(l -> String.valueOf(l.get("name")).startsWith(reference)
                            && Double.valueOf(100.0).equals(l.get("probability")));
        });
    }

    @Test
    void settlementsMadeWhileOdooWasOffBecomeBillsOnceItIsEnabled() {
        saveSettings(odoo.apiKey(), false);
        approvedCommission();
        String settlement = settle();
        runDue();
        assertThat(bills(settlement)).isEmpty();
        assertThat(jobs("bill")).isEmpty();
        saveSettings(odoo.apiKey(), true);
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            runDue();
            return "INVOICED".equals(settlementStatus(settlement));
        });
        assertThat(bills(settlement)).hasSize(1);
    }
}
