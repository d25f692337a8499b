package io.comply360.registration.sla;

import static io.comply360.platform.testkit.TestTokens.as;
import static io.comply360.registration.Fixtures.agency;
import static io.comply360.registration.Fixtures.client;
import static io.comply360.registration.Fixtures.definition;
import static io.comply360.registration.Fixtures.eventTypes;
import static io.comply360.registration.Fixtures.fillWithExamples;
import static io.comply360.registration.Fixtures.start;
import static io.comply360.registration.Fixtures.verifyEveryDocument;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.comply360.platform.testkit.EventSchemas;
import io.comply360.registration.Fixtures;
import io.comply360.registration.Fixtures.Agency;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;

/** SLA clocks count business hours in the tenant's zone over the country's public holidays, and breach once. */
@QuarkusTest
class SlaTimerTest {

    @Inject
    SlaScanner scanner;

    private static void at(String instant) {
        QuarkusMock.installMockForType(Clock.fixed(Instant.parse(instant), ZoneOffset.UTC), Clock.class);
    }

    @Test
    void aSubmissionBeforeEasterIsDueAfterTheHolidaysAndItsBreachIsReportedOnce() throws Throwable {
        Agency agency = agency("ZA");
        String id = start(
                        agency.agent().token(), client(agency.agent().token(), "Easter Ltd"), "ZA", "name-reservation")
                .jsonPath()
                .getString("id");
        fillWithExamples(agency.agent().token(), id, definition(agency.agent().token(), "ZA", "name-reservation"));
        verifyEveryDocument(agency, id);

        // Thursday 2 April 2026, 15:00 in Johannesburg; the target for SUBMITTED is 8 business hours: 2 on Thursday,
        // none on Good Friday, the weekend or Family Day (Monday 6 April), 6 on Tuesday: due 14:00 on 7 April.
        at("2026-04-02T13:00:00Z");
        JsonNode submitted = Fixtures.read(as(agency.agent().token())
                .post("/api/v1/registrations/" + id + "/submit")
                .asString());
        assertThat(submitted.path("status").asText()).isEqualTo("SUBMITTED");
        assertThat(submitted.path("stateEnteredAt").asText()).isEqualTo("2026-04-02T13:00:00Z");
        assertThat(submitted.path("dueAt").asText()).isEqualTo("2026-04-07T12:00:00Z");

        at("2026-04-07T11:59:00Z");
        VertxContextSupport.subscribeAndAwait(scanner::scan);
        assertThat(eventTypes(id)).doesNotContain("registration.sla_breached");

        at("2026-04-07T12:01:00Z");
        VertxContextSupport.subscribeAndAwait(scanner::scan);
        VertxContextSupport.subscribeAndAwait(scanner::scan);
        assertThat(eventTypes(id)).containsOnlyOnce("registration.sla_breached");
        JsonNode breach = Fixtures.events(id).stream()
                .filter(e -> e.path("type").asText().equals("registration.sla_breached"))
                .findFirst()
                .orElseThrow();
        EventSchemas.assertValid(breach);
        assertThat(breach.path("data").path("dueAt").asText()).isEqualTo("2026-04-07T12:00:00Z");
        assertThat(breach.path("data").path("status").asText()).isEqualTo("SUBMITTED");

        assertThat(as(agency.admin().token())
                        .get("/api/v1/registrations?overdue=true")
                        .jsonPath()
                        .getList("items.id"))
                .containsExactly(id);
        assertThat(as(agency.admin().token())
                        .get("/api/v1/registrations?overdue=false")
                        .jsonPath()
                        .getList("items.id"))
                .doesNotContain(id);

        // Entering the next state starts a new clock: IN_REVIEW's 16 business hours from Tuesday 14:01.
        JsonNode review = Fixtures.read(as(agency.admin().token())
                .contentType("application/json")
                .body("{}")
                .post("/api/v1/registrations/" + id + "/assign")
                .asString());
        assertThat(review.path("status").asText()).isEqualTo("IN_REVIEW");
        assertThat(review.path("dueAt").asText()).isEqualTo("2026-04-09T10:01:00Z");
        assertThat(review.path("overdue").asBoolean()).isFalse();
    }
}
