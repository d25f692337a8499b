package io.comply360.registration.filing;

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
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.comply360.platform.testkit.EventSchemas;
import io.comply360.registration.Fixtures;
import io.comply360.registration.Fixtures.Agency;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** Filings through the API only, as an agency's people work them. */
@QuarkusTest
class FilingWorkflowTest {

    /** The day the definitions' examples are written for (their own test uses it too). */
    static final String EXAMPLES_DATED = "2026-03-16T10:00:00Z";

    @Test
    void everyShippedFilingTypeGoesFromAnEmptyDraftToSubmittedWithItsOwnExamples() {
        // The examples are dated (a Zimbabwean name search is valid for 30 days): walk them on the day they are for.
        QuarkusMock.installMockForType(Clock.fixed(Instant.parse(EXAMPLES_DATED), ZoneOffset.UTC), Clock.class);
        Agency agency = agency();
        JsonNode list =
                Fixtures.read(as(agency.agent().token()).get("/api/v1/wizards").asString());
        assertThat(list.size()).isGreaterThanOrEqualTo(5);
        for (JsonNode type : list) {
            String country = type.path("country").asText();
            String kind = type.path("type").asText();
            String clientId = client(agency.agent().token(), "Client for " + country + " " + kind);
            Response draft = start(agency.agent().token(), clientId, country, kind);
            assertThat(draft.statusCode()).as(draft.asString()).isEqualTo(201);
            String id = draft.jsonPath().getString("id");
            assertThat(draft.jsonPath().getString("status")).isEqualTo("DRAFT");
            assertThat(draft.jsonPath().getString("reference"))
                    .matches(agency.tenant().slug().replace("-", "").toUpperCase() + "-\\d{4}-\\d{6}");

            Response refused = as(agency.agent().token()).post("/api/v1/registrations/" + id + "/submit");
            assertThat(refused.statusCode())
                    .as("an empty draft cannot be submitted")
                    .isEqualTo(422);

            fillWithExamples(
                    agency.agent().token(), id, definition(agency.agent().token(), country, kind));
            verifyEveryDocument(agency, id);
            Response submitted = as(agency.agent().token()).post("/api/v1/registrations/" + id + "/submit");
            assertThat(submitted.statusCode())
                    .as(country + "/" + kind + ": " + submitted.asString())
                    .isEqualTo(200);
            assertThat(submitted.jsonPath().getString("status")).isEqualTo("SUBMITTED");
            assertThat(eventTypes(id)).containsExactly("registration.created", "registration.submitted");
        }
    }

    @Test
    void aPrivateCompanyGoesThroughReviewChangesAndResubmissionToRegistered() {
        Agency agency = agency("ZA");
        String clientId = client(agency.agent().token(), "Thandeka Holdings");
        String id = start(agency.agent().token(), clientId, "ZA", "private-company")
                .jsonPath()
                .getString("id");
        fillWithExamples(agency.agent().token(), id, definition(agency.agent().token(), "ZA", "private-company"));
        verifyEveryDocument(agency, id);
        assertThat(act(agency.agent().token(), id, "submit", null).jsonPath().getString("status"))
                .isEqualTo("SUBMITTED");

        Response review = act(agency.admin().token(), id, "assign", Map.of());
        assertThat(review.jsonPath().getString("status")).isEqualTo("IN_REVIEW");
        assertThat(review.jsonPath().getString("assigneeId"))
                .isEqualTo(agency.admin().id());

        Response back = act(
                agency.admin().token(),
                id,
                "request-changes",
                Map.of("reason", "The second director's occupation is missing"));
        assertThat(back.jsonPath().getString("status")).isEqualTo("CHANGES_REQUESTED");
        assertThat(back.jsonPath().getString("assigneeId"))
                .isEqualTo(agency.agent().id());

        JsonNode example = definition(agency.agent().token(), "ZA", "private-company")
                .path("steps")
                .get(0)
                .path("example");
        Response edited = Fixtures.saveStep(agency.agent().token(), id, "names", back.header("ETag"), example);
        assertThat(edited.statusCode()).as(edited.asString()).isEqualTo(200);

        assertThat(act(agency.agent().token(), id, "submit", null).jsonPath().getString("status"))
                .isEqualTo("RESUBMITTED");
        assertThat(act(agency.admin().token(), id, "assign", Map.of())
                        .jsonPath()
                        .getString("status"))
                .isEqualTo("IN_REVIEW");
        assertThat(act(agency.admin().token(), id, "approve", null).jsonPath().getString("status"))
                .isEqualTo("APPROVED");
        Response filed = act(agency.agent().token(), id, "file", Map.of("registryReference", "9429012345"));
        assertThat(filed.jsonPath().getString("status")).as(filed.asString()).isEqualTo("FILED");
        Response badNumber = act(agency.agent().token(), id, "register", Map.of("enterpriseNumber", "2026/12/07"));
        assertThat(badNumber.statusCode()).isEqualTo(422);
        assertThat(badNumber.jsonPath().getString("errors[0].field")).isEqualTo("enterpriseNumber");
        Response registered = act(agency.agent().token(), id, "register", Map.of("enterpriseNumber", "2026/123456/07"));
        assertThat(registered.jsonPath().getString("status"))
                .as(registered.asString())
                .isEqualTo("REGISTERED");
        assertThat(registered.jsonPath().getString("enterpriseNumber")).isEqualTo("2026/123456/07");

        assertThat(eventTypes(id))
                .containsExactly(
                        "registration.created",
                        "registration.submitted",
                        "registration.assigned",
                        "registration.changes_requested",
                        "registration.resubmitted",
                        "registration.assigned",
                        "registration.approved",
                        "registration.filed",
                        "registration.registered");
        Fixtures.events(id).forEach(EventSchemas::assertValid);
        JsonNode last = Fixtures.events(id).get(8).path("data");
        assertThat(last.path("status").asText()).isEqualTo("REGISTERED");
        assertThat(last.path("previousStatus").asText()).isEqualTo("FILED");
        assertThat(last.path("agentId").asText()).isEqualTo(agency.agent().id());
        assertThat(last.toString()).doesNotContain("7503305044089").doesNotContain("fee");

        JsonNode timeline = Fixtures.read(as(agency.admin().token())
                .get("/api/v1/registrations/" + id + "/timeline?limit=200")
                .asString());
        List<String> actions = timeline.path("items").findValuesAsText("action");
        assertThat(actions).startsWith("registration.created").endsWith("registration.registered");
        assertThat(actions).contains("registration.step_saved", "registration.changes_requested");
        JsonNode changes = timeline.path("items").findParents("action").stream()
                .filter(e -> e.path("action").asText().equals("registration.changes_requested"))
                .findFirst()
                .orElseThrow();
        assertThat(changes.path("actor").asText()).isEqualTo(agency.admin().id());
        assertThat(changes.path("detail").path("reason").asText()).contains("occupation");
        assertThat(timeline.toString())
                .as("the timeline names fields, never their values")
                .doesNotContain("7503305044089");
    }

    static Response act(String token, String id, String action, Object body) {
        var request = as(token);
        if (body != null) {
            request = request.contentType(ContentType.JSON).body(body);
        }
        return request.post("/api/v1/registrations/" + id + "/" + action);
    }
}
