package io.comply360.commission;

import static io.comply360.platform.testkit.ProblemAssertions.assertProblem;
import static io.comply360.platform.testkit.TestTokens.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.comply360.platform.broker.Topology;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * What a careless or hostile client sends: collections over their bounds, control characters, wrong types, dates
 * that are no dates, the future, an SSRF URL, and the same decision or settlement run twice at the same moment.
 * Each gets a problem naming the field, or exactly one effect.
 */
@QuarkusTest
class RequestAttacksTest {

    private static final ZoneId SA = ZoneId.of("Africa/Johannesburg");

    private final Fixtures.Agency agency = Fixtures.agency();

    @Test
    void boundsTypesAndControlCharactersAreNamed() {
        List<String> ids =
                new ArrayList<>(Collections.nCopies(501, UUID.randomUUID().toString()));
        assertProblem(
                as(agency.admin().token())
                        .contentType(ContentType.JSON)
                        .body(Map.of("ids", ids, "decision", "APPROVE"))
                        .post("/api/v1/commissions/decisions"),
                422,
                "ids");
        assertProblem(
                as(agency.admin().token())
                        .contentType(ContentType.JSON)
                        .body(Map.of("ids", List.of(UUID.randomUUID().toString()), "decision", "REJECT"))
                        .post("/api/v1/commissions/decisions"),
                422,
                "reason");
        assertProblem(
                as(agency.admin().token())
                        .contentType(ContentType.JSON)
                        .body(Map.of("reason", "bad\u0000reason"))
                        .post("/api/v1/commissions/" + UUID.randomUUID() + "/reject"),
                422,
                "reason");
        assertProblem(
                as(agency.admin().token())
                        .contentType(ContentType.JSON)
                        .body("{\"periodEnd\": \"last month\"}")
                        .post("/api/v1/settlements"),
                400);
        assertProblem(
                as(agency.admin().token())
                        .contentType(ContentType.JSON)
                        .body(Map.of("periodEnd", LocalDate.now(SA).plusDays(1).toString()))
                        .post("/api/v1/settlements"),
                422,
                "periodEnd");
        assertProblem(
                as(agency.admin().token())
                        .contentType(ContentType.JSON)
                        .body(Map.of(
                                "effectiveFrom",
                                "2026-01-01",
                                "vatRegistered",
                                true,
                                "lines",
                                List.of(Map.of(
                                        "country",
                                        "ZA",
                                        "type",
                                        "private-company",
                                        "professionalFee",
                                        1500.005,
                                        "agentRule",
                                        Map.of("kind", "PERCENTAGE", "percent", 120)))))
                        .post("/api/v1/rate-cards"),
                422,
                "lines[0].professionalFee",
                "lines[0].agentRule.percent");
        List<Map<String, Object>> many = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            many.add(Fixtures.line("ZA", "type-" + i, "10.00", Fixtures.fixed("1.00")));
        }
        assertProblem(
                as(agency.admin().token())
                        .contentType(ContentType.JSON)
                        .body(Map.of("effectiveFrom", "2026-01-01", "vatRegistered", false, "lines", many))
                        .post("/api/v1/rate-cards"),
                422,
                "lines");
        assertProblem(
                as(agency.admin().token())
                        .contentType(ContentType.JSON)
                        .body(Map.of(
                                "url",
                                "http://user:pw@odoo.example.com",
                                "database",
                                "db",
                                "login",
                                "l",
                                "apiKey",
                                "k",
                                "enabled",
                                true))
                        .put("/api/v1/odoo/settings"),
                422,
                "url");
        assertProblem(
                as(agency.admin().token()).get("/api/v1/odoo/jobs?entity=invoice&status=SENT"),
                422,
                "entity",
                "status");
    }

    @Test
    void aSecondVersionCannotStartInThePastNorTwiceOnOneDay() {
        Fixtures.rateCard(
                agency.admin().token(),
                LocalDate.of(2025, 6, 1),
                false,
                List.of(Fixtures.line("ZA", "name-reservation", "300.00", Fixtures.fixed("30.00"))));
        Map<String, Object> past = Map.of(
                "effectiveFrom",
                "2026-02-01",
                "vatRegistered",
                false,
                "lines",
                List.of(Fixtures.line("ZA", "name-reservation", "320.00", Fixtures.fixed("32.00"))));
        assertProblem(
                as(agency.admin().token())
                        .contentType(ContentType.JSON)
                        .body(past)
                        .post("/api/v1/rate-cards"),
                422,
                "effectiveFrom");
        String tomorrow = LocalDate.now(SA).plusDays(1).toString();
        Map<String, Object> next = Map.of(
                "effectiveFrom",
                tomorrow,
                "vatRegistered",
                false,
                "lines",
                List.of(Fixtures.line("ZA", "name-reservation", "320.00", Fixtures.fixed("32.00"))));
        as(agency.admin().token())
                .contentType(ContentType.JSON)
                .body(next)
                .post("/api/v1/rate-cards")
                .then()
                .statusCode(201);
        assertProblem(
                as(agency.admin().token())
                        .contentType(ContentType.JSON)
                        .body(next)
                        .post("/api/v1/rate-cards"),
                409,
                "effectiveFrom");
        JsonNode current = Fixtures.read(
                as(agency.agent().token()).get("/api/v1/rate-cards/current").asString());
        assertThat(current.path("version").asInt())
                .as("tomorrow's is not in effect yet")
                .isEqualTo(1);
    }

    @Test
    void twoApprovalsOrTwoSettlementRunsAtOnceHaveOneEffect() {
        Fixtures.rateCard(
                agency.admin().token(),
                LocalDate.of(2026, 1, 1),
                false,
                List.of(Fixtures.line("ZA", "name-reservation", "300.00", Fixtures.fixed("30.00"))));
        UUID registration = UUID.randomUUID();
        Fixtures.send(
                Fixtures.registrationEvent(
                        agency.tenant().id(),
                        "registration.registered",
                        registration,
                        "ACME-2026-900001",
                        "ZA",
                        "name-reservation",
                        agency.agent().id(),
                        "REGISTERED",
                        9,
                        LocalDate.of(2026, 11, 20).atTime(10, 0).atZone(SA).toInstant()),
                Topology.REGISTRATION_EVENTS);
        String[] id = {null};
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonNode items = Fixtures.read(as(agency.admin().token())
                            .get("/api/v1/commissions")
                            .asString())
                    .path("items");
            if (items.size() == 1) {
                id[0] = items.get(0).path("id").asText();
            }
            return id[0] != null;
        });
        List<CompletableFuture<Response>> approvals = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            approvals.add(CompletableFuture.supplyAsync(
                    () -> as(agency.admin().token()).post("/api/v1/commissions/" + id[0] + "/approve")));
        }
        List<Integer> statuses =
                approvals.stream().map(f -> f.join().statusCode()).toList();
        assertThat(statuses).containsOnlyOnce(200).containsOnly(200, 409);

        List<CompletableFuture<Response>> runs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            runs.add(CompletableFuture.supplyAsync(() -> as(agency.admin().token())
                    .contentType(ContentType.JSON)
                    .body(Map.of("periodEnd", "2026-11-30"))
                    .post("/api/v1/settlements")));
        }
        List<Integer> runStatuses =
                runs.stream().map(f -> f.join().statusCode()).toList();
        assertThat(runStatuses).containsOnlyOnce(201).containsOnly(201, 200);
        JsonNode list = Fixtures.read(
                as(agency.admin().token()).get("/api/v1/settlements").asString());
        assertThat(list.path("total").asInt()).isEqualTo(1);
    }
}
