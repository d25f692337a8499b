package io.comply360.commission;

import static io.comply360.platform.testkit.TestTokens.as;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.comply360.platform.broker.Topology;
import io.comply360.platform.testkit.RoleMatrixRunner;
import io.comply360.platform.testkit.TestTenant;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Every route of commission-service called anonymously and as every role of its own and of another agency, compared
 * with docs/roles.json. Another agency's commission, settlement or job answers 404, never 403; an agent's answers
 * are about their own money (the matrix's agent is the commission's agent).
 */
@QuarkusTest
class RoleMatrixTest {

    private static final ZoneId SA = ZoneId.of("Africa/Johannesburg");
    private static int sequence = 700_000;

    private final Fixtures.Agency home = Fixtures.agency();
    private final TestTenant stranger = TestTenant.create();

    @BeforeEach
    void rateCard() {
        Fixtures.rateCard(
                home.admin().token(),
                LocalDate.of(2026, 1, 1),
                false,
                List.of(Fixtures.line("ZA", "name-reservation", "350.00", Fixtures.fixed("40.00"))));
    }

    private RoleMatrixRunner route(String method, String path, int success, int foreign) {
        return RoleMatrixRunner.forRoute(method, path)
                .own(home.tenant())
                .stranger(stranger)
                .successStatus(success)
                .foreignStatus(foreign);
    }

    /** The user id in a token (its subject). */
    private static String subject(String token) {
        String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        return Fixtures.read(payload).path("sub").asText();
    }

    /** A commission of the home agency earned by {@code agentId}. */
    private JsonNode commission(String agentId) {
        UUID id = UUID.randomUUID();
        Fixtures.send(
                Fixtures.registrationEvent(
                        home.tenant().id(),
                        "registration.registered",
                        id,
                        "ACME-2026-" + (++sequence),
                        "ZA",
                        "name-reservation",
                        agentId,
                        "REGISTERED",
                        9,
                        LocalDate.of(2026, 11, 16).atTime(10, 0).atZone(SA).toInstant()),
                Topology.REGISTRATION_EVENTS);
        JsonNode[] found = {null};
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            for (JsonNode k : Fixtures.read(as(home.admin().token())
                            .get("/api/v1/commissions?limit=200")
                            .asString())
                    .path("items")) {
                if (k.path("registrationId").asText().equals(id.toString())) {
                    found[0] = k;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    /** The caller's own commission when they are an agent of the home agency, else the home agent's. */
    private String commissionFor(RoleMatrixRunner.Caller c) {
        String agent = c.own() && "agent".equals(c.role())
                ? subject(c.token())
                : home.agent().id();
        return commission(agent).path("id").asText();
    }

    @Test
    void rateCards() {
        route("GET", "/api/v1/rate-cards", 200, 200).run(c -> as(c.token()).get("/api/v1/rate-cards"));
        route("GET", "/api/v1/rate-cards/current", 200, 404)
                .run(c -> as(c.token()).get("/api/v1/rate-cards/current"));
        String card = Fixtures.read(as(home.admin().token())
                        .get("/api/v1/rate-cards/current")
                        .asString())
                .path("id")
                .asText();
        route("GET", "/api/v1/rate-cards/{id}", 200, 404).run(c -> as(c.token()).get("/api/v1/rate-cards/" + card));
        int[] day = {0};
        // Each accepted call saves a version of its own day (strangers have no card yet: their first may be past).
        route("POST", "/api/v1/rate-cards", 201, 201)
                .run(c -> as(c.token())
                        .contentType(ContentType.JSON)
                        .body(Map.of(
                                "effectiveFrom",
                                        LocalDate.now(SA).plusDays(++day[0]).toString(),
                                "vatRegistered", false,
                                "lines",
                                        List.of(Fixtures.line(
                                                "ZA", "name-reservation", "360.00", Fixtures.fixed("45.00")))))
                        .post("/api/v1/rate-cards"));
    }

    @Test
    void commissions() {
        commission(home.agent().id());
        route("GET", "/api/v1/commissions", 200, 200).run(c -> as(c.token()).get("/api/v1/commissions"));
        route("GET", "/api/v1/commissions/summary", 200, 200)
                .run(c -> as(c.token()).get("/api/v1/commissions/summary"));
        route("GET", "/api/v1/commissions/export", 200, 200)
                .run(c -> as(c.token()).get("/api/v1/commissions/export"));
        route("GET", "/api/v1/commissions/{id}", 200, 404)
                .run(c -> as(c.token()).get("/api/v1/commissions/" + commissionFor(c)));
        route("POST", "/api/v1/commissions/{id}/approve", 200, 404)
                .run(c -> as(c.token()).post("/api/v1/commissions/" + commissionFor(c) + "/approve"));
        route("POST", "/api/v1/commissions/{id}/reject", 200, 404)
                .run(c -> as(c.token())
                        .contentType(ContentType.JSON)
                        .body(Map.of("reason", "not a client of the agency"))
                        .post("/api/v1/commissions/" + commissionFor(c) + "/reject"));
        // In bulk, another agency's ids are simply not found (200 with that outcome), never decided.
        route("POST", "/api/v1/commissions/decisions", 200, 200)
                .run(c -> as(c.token())
                        .contentType(ContentType.JSON)
                        .body(Map.of("ids", List.of(commissionFor(c)), "decision", "APPROVE"))
                        .post("/api/v1/commissions/decisions"));
    }

    @Test
    void settlements() {
        String settlement = settledFor(home.agent().id());
        route("GET", "/api/v1/settlements", 200, 200).run(c -> as(c.token()).get("/api/v1/settlements"));
        route("GET", "/api/v1/settlements/{id}", 200, 404)
                .run(c -> as(c.token())
                        .get("/api/v1/settlements/"
                                + (c.own() && "agent".equals(c.role()) ? settledFor(subject(c.token())) : settlement)));
        route("POST", "/api/v1/settlements/{id}/mark-paid", 200, 404)
                .run(c -> as(c.token())
                        .post("/api/v1/settlements/"
                                + settledFor(UUID.randomUUID().toString()) + "/mark-paid"));
        // Nothing approved to settle for the stranger: 200 with nothing created; at home a fresh approved one: 201.
        route("POST", "/api/v1/settlements", 201, 200).run(c -> {
            if (c.own()) {
                as(home.admin().token())
                        .post("/api/v1/commissions/"
                                + commission(home.agent().id()).path("id").asText() + "/approve");
            }
            return as(c.token())
                    .contentType(ContentType.JSON)
                    .body(Map.of("periodEnd", LocalDate.now(SA).toString()))
                    .post("/api/v1/settlements");
        });
    }

    /** A settlement of {@code agentId}'s approved commission (a new agent or period end makes a new one). */
    private String settledFor(String agentId) {
        String k = commission(agentId).path("id").asText();
        as(home.admin().token())
                .post("/api/v1/commissions/" + k + "/approve")
                .then()
                .statusCode(200);
        Response run = as(home.admin().token())
                .contentType(ContentType.JSON)
                .body(Map.of("periodEnd", "2026-11-30"))
                .post("/api/v1/settlements");
        for (JsonNode s : Fixtures.read(run.asString()).path("created")) {
            if (s.path("agentId").asText().equals(agentId)) {
                return s.path("id").asText();
            }
        }
        throw new AssertionError("no settlement for " + agentId + ": " + run.asString());
    }

    @Test
    void odoo() {
        Map<String, Object> settings = Map.of(
                "url",
                "http://127.0.0.1:9",
                "database",
                "agency",
                "login",
                "sync@agency.test",
                "apiKey",
                "k3y",
                "enabled",
                false);
        route("PUT", "/api/v1/odoo/settings", 200, 200)
                .run(c -> as(c.token())
                        .contentType(ContentType.JSON)
                        .body(settings)
                        .put("/api/v1/odoo/settings"));
        route("GET", "/api/v1/odoo/settings", 200, 200).run(c -> as(c.token()).get("/api/v1/odoo/settings"));
        // Nothing listens on port 9: the test reports Odoo unreachable (503), at home and for a stranger alike.
        route("POST", "/api/v1/odoo/settings/test", 503, 503)
                .run(c -> as(c.token()).post("/api/v1/odoo/settings/test"));
        route("GET", "/api/v1/odoo/jobs", 200, 200).run(c -> as(c.token()).get("/api/v1/odoo/jobs"));
        Fixtures.rows(
                home.tenant().id(),
                "insert into odoo_jobs (id, tenant_id, entity, local_id, status, attempts, next_attempt_at,"
                        + " requested_at, created_at, updated_at, last_error) values (?, ?, 'partner', 'x', 'FAILED', 1,"
                        + " now(), now(), now(), now(), 'Access Denied')",
                UUID.randomUUID(),
                home.tenant().id());
        route("POST", "/api/v1/odoo/jobs/{id}/retry", 200, 404).run(c -> {
            UUID job = UUID.randomUUID();
            Fixtures.rows(
                    home.tenant().id(),
                    "insert into odoo_jobs (id, tenant_id, entity, local_id, status, attempts, next_attempt_at,"
                            + " requested_at, created_at, updated_at, last_error) values (?, ?, 'partner', ?, 'FAILED',"
                            + " 1, now(), now(), now(), now(), 'Access Denied')",
                    job,
                    home.tenant().id(),
                    job.toString());
            return as(c.token()).post("/api/v1/odoo/jobs/" + job + "/retry");
        });
    }
}
