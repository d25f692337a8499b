package io.comply360.registration.filing;

import static io.comply360.platform.testkit.TestTokens.as;
import static io.comply360.registration.Fixtures.agency;
import static io.comply360.registration.Fixtures.client;
import static io.comply360.registration.Fixtures.definition;
import static io.comply360.registration.Fixtures.fillWithExamples;
import static io.comply360.registration.Fixtures.start;
import static io.comply360.registration.filing.FilingWorkflowTest.act;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.comply360.contracts.document.DocumentEvents;
import io.comply360.registration.Fixtures;
import io.comply360.registration.Fixtures.Agency;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

@QuarkusTest
class ChecklistAndListsTest {

    @Test
    void submitIsRefusedListingEachMissingRejectedOrStaleDocument() {
        Agency agency = agency("ZA");
        String id = start(
                        agency.agent().token(),
                        client(agency.agent().token(), "Docs (Pty) Ltd"),
                        "ZA",
                        "private-company")
                .jsonPath()
                .getString("id");
        JsonNode definition = definition(agency.agent().token(), "ZA", "private-company");
        fillWithExamples(agency.agent().token(), id, definition);
        JsonNode filing = Fixtures.read(
                as(agency.agent().token()).get("/api/v1/registrations/" + id).asString());
        JsonNode slots = filing.path("checklist").path("slots");
        assertThat(slots.findValuesAsText("documentType")).contains("id_copy", "proof_of_address");
        assertThat(slots.findValuesAsText("status")).containsOnly("MISSING");
        JsonNode director =
                filing.path("data").path("directors").path("directors").get(0);
        assertThat(director.path("personId").asText())
                .as("people get stable ids")
                .hasSize(36);

        Response refused = act(agency.agent().token(), id, "submit", null);
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.jsonPath().getList("errors.field"))
                .contains(
                        "documents.id_copy[" + director.path("personId").asText() + "]", "documents.proof_of_address");

        UUID registration = UUID.fromString(id);
        UUID person = UUID.fromString(director.path("personId").asText());
        long dataVersion = filing.path("dataVersion").asLong();
        Fixtures.decide(
                agency.tenant().id(),
                DocumentEvents.REJECTED,
                registration,
                "id_copy",
                person,
                2,
                dataVersion,
                "The ID number on the page differs from the director's");
        // An older decision arriving late changes nothing.
        Fixtures.decide(
                agency.tenant().id(), DocumentEvents.VERIFIED, registration, "id_copy", person, 1, dataVersion, null);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> slotStatus(agency, id, person).equals("REJECTED"));

        Fixtures.decide(
                agency.tenant().id(), DocumentEvents.VERIFIED, registration, "id_copy", person, 3, dataVersion, null);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> slotStatus(agency, id, person).equals("VERIFIED"));

        // The agent changes the directors: the ID copy was verified against data that no longer holds.
        JsonNode current = Fixtures.read(
                as(agency.agent().token()).get("/api/v1/registrations/" + id).asString());
        com.fasterxml.jackson.databind.node.ObjectNode directors =
                current.path("data").path("directors").deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode)
                        directors.path("directors").get(0))
                .put("occupation", "Farmer");
        Response edited = Fixtures.saveStep(
                agency.agent().token(),
                id,
                "directors",
                as(agency.agent().token()).get("/api/v1/registrations/" + id).header("ETag"),
                directors);
        assertThat(edited.statusCode()).as(edited.asString()).isEqualTo(200);
        assertThat(slotStatus(agency, id, person)).isEqualTo("STALE");
        Response stale = act(agency.agent().token(), id, "submit", null);
        assertThat(stale.jsonPath().getList("errors.message").toString()).contains("verified again");
    }

    /** What document-service reads to accept and verify documents: the data, its versions, names and slots. */
    @Test
    void theFilingDataForDocumentServiceCarriesTheChecklistSlotsAndTheCompanyName() {
        Agency agency = agency("ZA");
        String id = start(
                        agency.agent().token(),
                        client(agency.agent().token(), "Slots (Pty) Ltd"),
                        "ZA",
                        "private-company")
                .jsonPath()
                .getString("id");
        fillWithExamples(agency.agent().token(), id, definition(agency.agent().token(), "ZA", "private-company"));
        JsonNode filing = Fixtures.read(
                as(agency.agent().token()).get("/api/v1/registrations/" + id).asString());
        String service = io.comply360.platform.testkit.TestTokens.builder()
                .roles("service")
                .build();

        JsonNode data = Fixtures.read(as(service)
                .get("/internal/registrations/" + id + "/filing-data?tenantId="
                        + agency.tenant().id())
                .asString());

        assertThat(data.path("dataVersion").asLong())
                .isEqualTo(filing.path("dataVersion").asLong());
        assertThat(data.path("companyName").asText()).isNotBlank();
        // Who the filing's people are (notification-service tells them of their documents).
        assertThat(data.path("agentId").asText())
                .isEqualTo(filing.path("agentId").asText())
                .isNotBlank();
        assertThat(data.path("clientId").asText())
                .isEqualTo(filing.path("clientId").asText())
                .isNotBlank();
        assertThat(data.has("assigneeId")).isTrue();
        assertThat(data.path("data").path("directors").path("directors")).isNotEmpty();
        JsonNode slots = data.path("slots");
        assertThat(slots).hasSize(filing.path("checklist").path("slots").size());
        String director = filing.path("data")
                .path("directors")
                .path("directors")
                .get(0)
                .path("personId")
                .asText();
        assertThat(slots.toString())
                .contains("{\"documentType\":\"id_copy\",\"personId\":\"" + director + "\"")
                .contains("\"documentType\":\"proof_of_address\"");
        assertThat(as(service)
                        .get("/internal/registrations/" + id + "/filing-data?tenantId=" + UUID.randomUUID())
                        .statusCode())
                .as("another tenant's filing is not found")
                .isEqualTo(404);
    }

    @Test
    void listsFilterSearchSortAndExportAsCsv() {
        Agency agency = agency("ZA");
        String clientA = client(agency.agent().token(), "=cmd|' /C calc'!A0");
        String first = start(agency.agent().token(), clientA, "ZA", "name-reservation")
                .jsonPath()
                .getString("id");
        String second = start(
                        agency.assistant().token(), client(agency.agent().token(), "Other"), "ZA", "private-company")
                .jsonPath()
                .getString("id");
        fillWithExamples(
                agency.agent().token(), first, definition(agency.agent().token(), "ZA", "name-reservation"));

        Response all = as(agency.admin().token()).get("/api/v1/registrations?sort=createdAt");
        assertThat(all.jsonPath().getList("items.id")).containsExactly(first, second);
        assertThat(as(agency.admin().token())
                        .get("/api/v1/registrations?type=private-company")
                        .jsonPath()
                        .getList("items.id"))
                .containsExactly(second);
        assertThat(as(agency.admin().token())
                        .get("/api/v1/registrations?agentId="
                                + agency.assistant().id())
                        .jsonPath()
                        .getList("items.id"))
                .containsExactly(second);
        assertThat(as(agency.admin().token())
                        .get("/api/v1/registrations?clientId=" + clientA)
                        .jsonPath()
                        .getList("items.id"))
                .containsExactly(first);
        String reference = all.jsonPath().getString("items[0].reference");
        assertThat(as(agency.admin().token())
                        .get("/api/v1/registrations?q=" + reference.toLowerCase())
                        .jsonPath()
                        .getList("items.id"))
                .containsExactly(first);
        String company = all.jsonPath().getString("items[0].companyName");
        assertThat(company).isNotBlank();
        assertThat(as(agency.admin().token())
                        .get("/api/v1/registrations?q=" + company.substring(1, Math.min(6, company.length())))
                        .jsonPath()
                        .getList("items.id"))
                .contains(first);
        assertThat(as(agency.admin().token())
                        .get("/api/v1/registrations?status=BOGUS")
                        .statusCode())
                .isEqualTo(422);
        assertThat(as(agency.admin().token())
                        .get("/api/v1/registrations?sort=password")
                        .statusCode())
                .isEqualTo(422);

        Response csv = as(agency.admin().token()).get("/api/v1/registrations/export?sort=createdAt");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        List<String> lines = csv.asString().lines().toList();
        assertThat(lines.get(0)).startsWith("reference,status,country,type");
        assertThat(lines).hasSize(3);
        assertThat(lines.get(1)).startsWith(reference + ",DRAFT,ZA,name-reservation");
    }

    private static String slotStatus(Agency agency, String id, UUID person) {
        JsonNode slots = Fixtures.read(as(agency.agent().token())
                        .get("/api/v1/registrations/" + id)
                        .asString())
                .path("checklist")
                .path("slots");
        for (JsonNode slot : slots) {
            if (slot.path("documentType").asText().equals("id_copy")
                    && slot.path("personId").asText().equals(person.toString())) {
                return slot.path("status").asText();
            }
        }
        return "none";
    }
}
