package io.comply360.registration.wizard;

import static io.comply360.registration.wizard.StepValidatorTest.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

class DefinitionTest {

    private static final JsonNode PRIVATE_COMPANY = ClasspathJson.read("wizards/ZA/private-company.v1.json");

    private static void refused(Consumer<ObjectNode> change, String message) {
        ObjectNode json = PRIVATE_COMPANY.deepCopy();
        change.accept(json);
        assertThatThrownBy(() -> Definition.parse(json))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    private static ObjectNode step(ObjectNode json, int index) {
        return (ObjectNode) json.get("steps").get(index);
    }

    @Test
    void parsesTheReferenceDefinition() {
        Definition definition = Definition.parse(PRIVATE_COMPANY);
        assertThat(definition.key()).isEqualTo("ZA/private-company.v1");
        assertThat(definition.registry()).isEqualTo("CIPC");
        assertThat(definition.title()).containsKeys("en", "af");
        assertThat(definition.steps())
                .extracting(Step::id)
                .containsExactly(
                        "names",
                        "company",
                        "registeredOffice",
                        "directors",
                        "shareholders",
                        "beneficialOwners",
                        "declarations",
                        "review");
        assertThat(definition.step("directors").orElseThrow().people()).containsExactly("directors");
        assertThat(definition.step("nope")).isEmpty();
        assertThat(definition.rules())
                .extracting(RuleRef::name)
                .containsExactly("beneficial-owners-cover-shareholders");
        assertThat(definition.source()).isSameAs(PRIVATE_COMPANY);
    }

    @Test
    void refusesBrokenDefinitionsNamingWhereTheyAreBroken() {
        refused(json -> json.put("country", "za"), "country must be an upper-case ISO 3166 alpha-2 code");
        refused(json -> json.put("type", "Private Company"), "type must match");
        refused(json -> json.put("version", 0), "version must be an integer >= 1");
        refused(json -> json.put("registry", "DTI"), "registry must be one of");
        refused(json -> json.remove("title"), "title must be an object of texts by language");
        refused(json -> step(json, 1).put("id", "names"), "steps[1] (names): id is used by an earlier step");
        refused(json -> step(json, 1).put("id", "Company"), "id must match");
        refused(
                json -> ((ObjectNode) step(json, 0).get("schema")).put("type", "array"),
                "steps[0] (names): schema must be a JSON Schema of \"type\": \"object\"");
        refused(
                json -> ((ArrayNode) step(json, 3).get("people")).add("occupation"),
                "people group 'occupation' is not an array property of the schema");
        refused(json -> step(json, 7).remove("example"), "steps[7] (review): example must be an object");
        refused(
                json -> ((ObjectNode) step(json, 1).get("rules").get(0)).put("name", "first-financial-years"),
                "unknown rule 'first-financial-years'");
        refused(
                json -> ((ObjectNode) step(json, 3).at("/schema/properties/directors/items/properties/idNumber"))
                        .put("format", "za-id"),
                "steps[3] (directors): schema: unknown format 'za-id'");
        refused(
                json -> ((ObjectNode) json.get("documents").get(0).get("per")).put("items", "shareholders"),
                "documents[0]: per names 'directors.shareholders', which is no people group of a step");
        refused(
                json -> ((ObjectNode) json.get("documents").get(3).get("when")).put("step", "moi"),
                "documents[3]: when must name a step of this definition");
        refused(json -> ((ObjectNode) json.get("documents").get(0)).put("type", "ID copy"), "type must match [a-z_]+");
    }

    @Test
    void aCatalogFindsVersionsAndRetiredTypes() {
        Definition v1 = Definition.parse(PRIVATE_COMPANY);
        ObjectNode v2json = PRIVATE_COMPANY.deepCopy();
        v2json.put("version", 2);
        Definition v2 = Definition.parse(v2json);
        RetiredType cc = new RetiredType("ZA", "close-corporation", LocalDate.parse("2011-05-01"), Map.of("en", "No."));
        Definitions catalog = new Definitions(List.of(v1, v2), List.of(cc));
        assertThat(catalog.latest("ZA", "private-company")).contains(v2);
        assertThat(catalog.find("ZA", "private-company", 1)).contains(v1);
        assertThat(catalog.find("ZW", "private-company", 1)).isEmpty();
        assertThat(catalog.retired("ZA", "close-corporation")).contains(cc);
        assertThat(catalog.retired("ZA", "private-company")).isEmpty();
        assertThatThrownBy(() -> new Definitions(List.of(v1, v1), List.of()))
                .hasMessage("Two definitions are ZA/private-company.v1");
    }
}
