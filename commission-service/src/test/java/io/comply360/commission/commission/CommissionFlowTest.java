package io.comply360.commission.commission;

import static io.comply360.platform.testkit.TestTokens.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.comply360.commission.Fixtures;
import io.comply360.commission.Fixtures.Agency;
import io.comply360.commission.UpstreamsStub;
import io.comply360.platform.broker.Topology;
import io.comply360.platform.testkit.EventSchemas;
import io.comply360.platform.testkit.ProblemAssertions;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * A filing registered: its commission from the rate card in effect (fees from the filing's data), once however
 * often the event arrives; decisions; the monthly settlement fixing volume tiers; clawbacks; who sees what.
 */
@QuarkusTest
class CommissionFlowTest {

    private static final ZoneId SA = ZoneId.of("Africa/Johannesburg");
    private static int sequence = 100_000;

    private final Agency agency = Fixtures.agency();

    private static String reference() {
        return "ACME-2026-" + (++sequence);
    }

    /** Publishes registration.registered for a new filing of {@code agent} on {@code day} and waits for its commission. */
    private JsonNode registered(String agentId, String country, String type, String moi, LocalDate day) {
        UUID id = UUID.randomUUID();
        String reference = reference();
        if (moi != null) {
            UpstreamsStub.filing(id, reference, moi);
        }
        ObjectNode event = Fixtures.registrationEvent(
                agency.tenant().id(),
                "registration.registered",
                id,
                reference,
                country,
                type,
                agentId,
                "REGISTERED",
                9,
                day.atTime(10, 0).atZone(SA).toInstant());
        Fixtures.send(event, Topology.REGISTRATION_EVENTS);
        return awaitCommission(id);
    }

    private JsonNode awaitCommission(UUID registrationId) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonNode list = Fixtures.read(as(agency.admin().token())
                    .get("/api/v1/commissions?limit=200")
                    .asString());
            for (JsonNode item : list.path("items")) {
                if (item.path("registrationId").asText().equals(registrationId.toString())) {
                    found[0] = item;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    private void standardCard(LocalDate from, boolean vat) {
        Fixtures.rateCard(
                agency.admin().token(),
                from,
                vat,
                List.of(
                        Fixtures.line("ZA", "private-company", "1500.00", Fixtures.percentage("12.5")),
                        Fixtures.line("ZA", "name-reservation", "350.00", Fixtures.fixed("40.00")),
                        Fixtures.line("ZW", "private-company", "450.00", Fixtures.tiers(1, "10", 3, "15"))));
    }

    @Test
    void aRegisteredFilingEarnsItsCommissionOnceFromTheCardInEffectWithCipcFeesByMoi() {
        standardCard(LocalDate.of(2026, 1, 1), true);
        JsonNode custom = registered(agency.agent().id(), "ZA", "private-company", "custom", LocalDate.of(2026, 11, 3));
        assertThat(custom.path("professionalFee").asText()).isEqualTo("1500.00");
        assertThat(custom.path("vat").asText()).isEqualTo("225.00");
        assertThat(custom.path("disbursements").asText()).isEqualTo("525.00");
        assertThat(custom.path("feeTotal").asText()).isEqualTo("2250.00");
        assertThat(custom.path("amount").asText()).isEqualTo("187.50");
        assertThat(custom.path("currency").asText()).isEqualTo("ZAR");
        assertThat(custom.path("status").asText()).isEqualTo("CALCULATED");
        assertThat(custom.path("rateCardVersion").asInt()).isEqualTo(1);

        JsonNode standard =
                registered(agency.agent().id(), "ZA", "private-company", "standard", LocalDate.of(2026, 11, 4));
        assertThat(standard.path("disbursements").asText()).isEqualTo("175.00");
        JsonNode name = registered(agency.agent().id(), "ZA", "name-reservation", null, LocalDate.of(2026, 11, 4));
        assertThat(name.path("disbursements").asText()).isEqualTo("50.00");
        assertThat(name.path("amount").asText()).isEqualTo("40.00");

        List<JsonNode> events = Fixtures.events(custom.path("id").asText());
        assertThat(events).extracting(e -> e.path("type").asText()).containsExactly("commission.calculated");
        events.forEach(EventSchemas::assertValid);
    }

    @Test
    void redeliveredAndRacingRegisteredEventsCreateExactlyOneCommission() {
        standardCard(LocalDate.of(2026, 1, 1), false);
        UUID id = UUID.randomUUID();
        String reference = reference();
        UpstreamsStub.filing(id, reference, "standard");
        Instant at = LocalDate.of(2026, 11, 5).atTime(9, 0).atZone(SA).toInstant();
        ObjectNode event = Fixtures.registrationEvent(
                agency.tenant().id(),
                "registration.registered",
                id,
                reference,
                "ZA",
                "private-company",
                agency.agent().id(),
                "REGISTERED",
                9,
                at);
        for (int i = 0; i < 3; i++) {
            Fixtures.send(event, Topology.REGISTRATION_EVENTS);
        }
        // A replayed copy with a new event id (a producer's retry) is the same filing: still one commission.
        ObjectNode copy = event.deepCopy();
        copy.put("id", UUID.randomUUID().toString());
        Fixtures.send(copy, Topology.REGISTRATION_EVENTS);
        awaitCommission(id);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> count(id) == 1);
        assertThat(count(id)).isEqualTo(1);
    }

    private long count(UUID registrationId) {
        return (Long) Fixtures.rows(
                        agency.tenant().id(),
                        "select count(*) as n from commissions where registration_id = ?",
                        registrationId)
                .get(0)
                .get("n");
    }

    @Test
    void tiersAreProvisionalUntilTheSettlementFixesThemByTheMonthsFinalVolume() {
        standardCard(LocalDate.of(2026, 1, 1), false);
        String agent = agency.agent().id();
        JsonNode first = registered(agent, "ZW", "private-company", null, LocalDate.of(2026, 10, 2));
        JsonNode second = registered(agent, "ZW", "private-company", null, LocalDate.of(2026, 10, 9));
        JsonNode third = registered(agent, "ZW", "private-company", null, LocalDate.of(2026, 10, 20));
        assertThat(first.path("amount").asText()).isEqualTo("45.00");
        assertThat(first.path("provisional").asBoolean()).isTrue();
        assertThat(first.path("currency").asText()).isEqualTo("USD");
        assertThat(third.path("amount").asText()).isEqualTo("67.50");
        // Another agent's volume does not count towards this one's.
        JsonNode other =
                registered(agency.otherAgent().id(), "ZW", "private-company", null, LocalDate.of(2026, 10, 21));
        assertThat(other.path("amount").asText()).isEqualTo("45.00");

        for (JsonNode k : List.of(first, second, third, other)) {
            as(agency.admin().token())
                    .post("/api/v1/commissions/" + k.path("id").asText() + "/approve")
                    .then()
                    .statusCode(200);
        }
        Response run = as(agency.admin().token())
                .contentType(ContentType.JSON)
                .body(Map.of("periodEnd", "2026-10-31"))
                .post("/api/v1/settlements");
        assertThat(run.statusCode()).isEqualTo(201);
        JsonNode created = Fixtures.read(run.asString()).path("created");
        JsonNode mine = null;
        for (JsonNode s : created) {
            if (s.path("agentId").asText().equals(agent)) {
                mine = s;
            }
        }
        assertThat(mine).isNotNull();
        // Three filings in October reach the 15 % tier: all three at 67.50.
        assertThat(mine.path("total").asText()).isEqualTo("202.50");
        assertThat(mine.path("commissions").asInt()).isEqualTo(3);
        JsonNode statement = Fixtures.read(as(agency.agent().token())
                .get("/api/v1/settlements/" + mine.path("id").asText())
                .asString());
        assertThat(statement.path("lines")).hasSize(3);
        assertThat(statement.path("lines").get(0).path("provisionalAmount").asText())
                .isEqualTo("45.00");
        assertThat(statement.path("lines").get(0).path("difference").asText()).isEqualTo("22.50");
        JsonNode settledFirst = Fixtures.read(as(agency.admin().token())
                .get("/api/v1/commissions/" + first.path("id").asText())
                .asString());
        assertThat(settledFirst.path("status").asText()).isEqualTo("SETTLED");
        assertThat(settledFirst.path("provisional").asBoolean()).isFalse();
        assertThat(settledFirst.path("amount").asText()).isEqualTo("67.50");

        // Idempotent per agent and period: running it again creates nothing.
        JsonNode again = Fixtures.read(as(agency.admin().token())
                .contentType(ContentType.JSON)
                .body(Map.of("periodEnd", "2026-10-31"))
                .post("/api/v1/settlements")
                .then()
                .statusCode(200)
                .extract()
                .asString());
        assertThat(again.path("created")).isEmpty();
        // Another agent cannot read this agent's statement.
        as(agency.otherAgent().token())
                .get("/api/v1/settlements/" + mine.path("id").asText())
                .then()
                .statusCode(404);
        Fixtures.events(mine.path("id").asText()).forEach(EventSchemas::assertValid);
    }

    @Test
    void aFilingCancelledAfterSettlementIsClawedBackInTheNextSettlement() {
        standardCard(LocalDate.of(2026, 1, 1), false);
        String agent = agency.agent().id();
        JsonNode settled = registered(agent, "ZA", "name-reservation", null, LocalDate.of(2026, 9, 10));
        as(agency.admin().token())
                .post("/api/v1/commissions/" + settled.path("id").asText() + "/approve");
        as(agency.admin().token())
                .contentType(ContentType.JSON)
                .body(Map.of("periodEnd", "2026-09-30"))
                .post("/api/v1/settlements")
                .then()
                .statusCode(201);

        Fixtures.send(
                Fixtures.registrationEvent(
                        agency.tenant().id(),
                        "registration.cancelled",
                        UUID.fromString(settled.path("registrationId").asText()),
                        settled.path("reference").asText(),
                        "ZA",
                        "name-reservation",
                        agent,
                        "CANCELLED",
                        12,
                        Instant.now()),
                Topology.REGISTRATION_EVENTS);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> "REVERSED"
                        .equals(Fixtures.read(as(agency.admin().token())
                                        .get("/api/v1/commissions/"
                                                + settled.path("id").asText())
                                        .asString())
                                .path("status")
                                .asText()));
        JsonNode reversed = Fixtures.events(settled.path("id").asText()).stream()
                .filter(e -> e.path("type").asText().equals("commission.reversed"))
                .findFirst()
                .orElseThrow();
        assertThat(reversed.path("data").path("clawback").asText()).isEqualTo("-40.00");
        EventSchemas.assertValid(reversed);

        // October: two new filings (80.00) less the clawback (40.00).
        for (LocalDate day : List.of(LocalDate.of(2026, 10, 5), LocalDate.of(2026, 10, 6))) {
            JsonNode k = registered(agent, "ZA", "name-reservation", null, day);
            as(agency.admin().token())
                    .post("/api/v1/commissions/" + k.path("id").asText() + "/approve");
        }
        JsonNode october = Fixtures.read(as(agency.admin().token())
                        .contentType(ContentType.JSON)
                        .body(Map.of("periodEnd", "2026-10-31"))
                        .post("/api/v1/settlements")
                        .asString())
                .path("created")
                .get(0);
        assertThat(october.path("commissionsTotal").asText()).isEqualTo("80.00");
        assertThat(october.path("clawbacksTotal").asText()).isEqualTo("-40.00");
        assertThat(october.path("total").asText()).isEqualTo("40.00");
    }

    @Test
    void adminsDecideOneByOneOrInBulkAndAgentsSeeOnlyTheirOwnMoney() {
        standardCard(LocalDate.of(2026, 1, 1), false);
        JsonNode a = registered(agency.agent().id(), "ZA", "name-reservation", null, LocalDate.of(2026, 11, 2));
        JsonNode b = registered(agency.agent().id(), "ZA", "name-reservation", null, LocalDate.of(2026, 11, 3));
        JsonNode c = registered(agency.otherAgent().id(), "ZA", "name-reservation", null, LocalDate.of(2026, 11, 3));

        ProblemAssertions.assertProblem(
                as(agency.admin().token())
                        .contentType(ContentType.JSON)
                        .body(Map.of("reason", ""))
                        .post("/api/v1/commissions/" + a.path("id").asText() + "/reject"),
                422,
                "reason");
        JsonNode results = Fixtures.read(as(agency.admin().token())
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "ids",
                        List.of(
                                a.path("id").asText(),
                                b.path("id").asText(),
                                UUID.randomUUID().toString()),
                        "decision",
                        "APPROVE"))
                .post("/api/v1/commissions/decisions")
                .then()
                .statusCode(200)
                .extract()
                .asString());
        assertThat(results.path("results")).hasSize(3);
        assertThat(results.path("results").findValuesAsText("outcome"))
                .containsExactlyInAnyOrder("decided", "decided", "not_found");
        as(agency.admin().token())
                .post("/api/v1/commissions/" + a.path("id").asText() + "/approve")
                .then()
                .statusCode(409);
        as(agency.admin().token())
                .contentType(ContentType.JSON)
                .body(Map.of("reason", "filed for a relative, not a client"))
                .post("/api/v1/commissions/" + c.path("id").asText() + "/reject")
                .then()
                .statusCode(200);

        // An agent's list, summary and export hold only their own, whatever agentId they ask for.
        JsonNode own = Fixtures.read(as(agency.agent().token())
                .get("/api/v1/commissions?agentId=" + agency.otherAgent().id())
                .asString());
        assertThat(own.path("items").findValuesAsText("agentId"))
                .containsOnly(agency.agent().id());
        as(agency.agent().token())
                .get("/api/v1/commissions/" + c.path("id").asText())
                .then()
                .statusCode(404);
        String csv =
                as(agency.agent().token()).get("/api/v1/commissions/export").asString();
        assertThat(csv)
                .doesNotContain(agency.otherAgent().id())
                .contains(a.path("reference").asText());
        JsonNode summary = Fixtures.read(as(agency.admin().token())
                .get("/api/v1/commissions/summary?from=2026-11-01&to=2026-11-30")
                .asString());
        assertThat(summary.path("byStatus").findValuesAsText("status")).contains("APPROVED", "REJECTED");
        as(agency.assistant().token()).get("/api/v1/commissions").then().statusCode(403);
        ProblemAssertions.assertProblem(
                as(agency.admin().token()).get("/api/v1/commissions?status=LOST&from=yesterday"),
                422,
                "status",
                "from");
    }
}
