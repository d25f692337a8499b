package io.comply360.registration.wizard;

import static io.comply360.platform.testkit.TestTokens.as;
import static io.comply360.registration.Fixtures.agency;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.comply360.registration.Fixtures;
import io.comply360.registration.Fixtures.Agency;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** The filing types as a UI reads them, and inline validation of a step that stores nothing. */
@QuarkusTest
class WizardResourceTest {

    private static Response validate(String token, String path, Object body) {
        return as(token).contentType(ContentType.JSON).body(body).post("/api/v1/wizards/" + path + "/validate");
    }

    @Test
    void theCatalogueListsEveryShippedTypeWithItsCurrentVersionAndServesItsDefinition() {
        Agency agency = agency();
        JsonNode list =
                Fixtures.read(as(agency.agent().token()).get("/api/v1/wizards").asString());
        assertThat(list.findValuesAsText("type"))
                .contains("private-company", "name-reservation", "close-corporation-changes", "vat-registration");
        assertThat(list.findValuesAsText("country")).contains("ZA", "ZW");
        JsonNode definition = Fixtures.definition(agency.agent().token(), "ZA", "private-company");
        assertThat(definition.path("version").asInt()).isEqualTo(1);
        assertThat(definition.path("steps").findValuesAsText("id"))
                .contains("directors", "shareholders", "beneficialOwners");
        assertThat(definition.path("steps").get(0).path("example").isObject()).isTrue();
        assertThat(as(agency.agent().token())
                        .get("/api/v1/wizards/ZA/private-company?version=1")
                        .statusCode())
                .isEqualTo(200);
        assertThat(as(agency.agent().token())
                        .get("/api/v1/wizards/ZA/private-company?version=99")
                        .statusCode())
                .isEqualTo(404);
        assertThat(as(agency.agent().token()).get("/api/v1/wizards/ZA/trust").statusCode())
                .isEqualTo(404);
    }

    @Test
    void aNewCloseCorporationIsRefusedWithTheReason() {
        Agency agency = agency();
        Response refused = as(agency.agent().token()).get("/api/v1/wizards/ZA/close-corporation");
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.jsonPath().getString("errors[0].message")).contains("2011");
        String client = Fixtures.client(agency.agent().token(), "New CC");
        Response start = Fixtures.start(agency.agent().token(), client, "ZA", "close-corporation");
        assertThat(start.statusCode()).isEqualTo(422);
        assertThat(start.jsonPath().getString("errors[0].field")).isEqualTo("type");
    }

    @Test
    void validatingAStepAnswersErrorsAndWarningsByFieldPathAndStoresNothing() {
        Agency agency = agency();
        JsonNode definition = Fixtures.definition(agency.agent().token(), "ZA", "private-company");
        JsonNode directors = null;
        for (JsonNode step : definition.path("steps")) {
            if (step.path("id").asText().equals("directors")) {
                directors = step.path("example");
            }
        }
        Response valid = validate(agency.agent().token(), "ZA/private-company/steps/directors", directors);
        assertThat(valid.statusCode()).isEqualTo(200);
        assertThat(valid.jsonPath().getBoolean("valid")).as(valid.asString()).isTrue();

        ObjectNode broken = directors.deepCopy();
        ObjectNode first = (ObjectNode) ((ArrayNode) broken.get("directors")).get(0);
        first.put("idType", "za-id");
        first.put("idNumber", "8503305044089");
        first.remove("surname");
        Response invalid = validate(agency.agent().token(), "ZA/private-company/steps/directors", broken);
        assertThat(invalid.statusCode()).isEqualTo(200);
        assertThat(invalid.jsonPath().getBoolean("valid")).isFalse();
        assertThat(invalid.jsonPath().getList("errors.field"))
                .contains("directors[0].idNumber", "directors[0].surname");

        assertThat(validate(agency.agent().token(), "ZA/private-company/steps/nope", directors)
                        .statusCode())
                .isEqualTo(404);
        Response notAnObject = validate(agency.agent().token(), "ZA/private-company/steps/directors", "[1,2]");
        assertThat(notAnObject.statusCode()).isEqualTo(422);
        Response nul =
                validate(agency.agent().token(), "ZA/private-company/steps/directors", Map.of("directors", "a\u0000b"));
        assertThat(nul.statusCode()).isIn(400, 422);
        assertThat(nul.contentType()).startsWith("application/problem+json");
    }

    @Test
    void hostileBodiesGetProblemsNotFailures() {
        Agency agency = agency();
        String deep = "[".repeat(5000) + "]".repeat(5000);
        Response nested = validate(agency.agent().token(), "ZA/private-company/steps/directors", deep);
        assertThat(nested.statusCode()).isEqualTo(400);
        assertThat(nested.contentType()).startsWith("application/problem+json");

        java.util.List<Map<String, String>> people = java.util.Collections.nCopies(900, Map.of("firstNames", "x"));
        Response many =
                validate(agency.agent().token(), "ZA/private-company/steps/directors", Map.of("directors", people));
        assertThat(many.statusCode()).isEqualTo(200);
        assertThat(many.jsonPath().getBoolean("valid")).isFalse();
        assertThat(many.jsonPath().getList("errors")).hasSize(101);
        assertThat(many.jsonPath().getString("errors[100].message"))
                .startsWith("and ")
                .endsWith("more like these");
    }

    @Test
    void anUnusualIdDigitIsAWarningThatNeverMakesTheDataInvalid() {
        Agency agency = agency();
        JsonNode directors = null;
        for (JsonNode step : Fixtures.definition(agency.agent().token(), "ZA", "private-company")
                .path("steps")) {
            if (step.path("id").asText().equals("directors")) {
                directors = step.path("example");
            }
        }
        ObjectNode data = directors.deepCopy();
        ObjectNode first = (ObjectNode) ((ArrayNode) data.get("directors")).get(0);
        first.put("idType", "za-id");
        // A valid checksum, but 7 where numbers issued today carry 8 or 9.
        first.put("idNumber", "7503305044071");
        Response answer = validate(agency.agent().token(), "ZA/private-company/steps/directors", data);
        assertThat(answer.jsonPath().getBoolean("valid")).as(answer.asString()).isTrue();
        assertThat(answer.jsonPath().getList("warnings.field")).contains("directors[0].idNumber");
    }
}
