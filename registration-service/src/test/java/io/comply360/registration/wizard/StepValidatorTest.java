package io.comply360.registration.wizard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

class StepValidatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneId SA = ZoneId.of("Africa/Johannesburg");
    private static final Clock CLOCK =
            Clock.fixed(LocalDate.parse("2026-03-16").atTime(10, 0).atZone(SA).toInstant(), SA);

    private final StepValidator validator = new StepValidator(CLOCK, Map.of(), WorkingDays.mondayToFriday());

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text.replace('\'', '"'));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    /** A one-step definition around {@code schema}'s properties. */
    static Definition definition(String properties, String required, int maxLength) {
        return Definition.parse(json("{'country': 'ZA', 'type': 'test', 'version': 1, 'title': {'en': 'Test'},"
                + " 'description': {'en': 'Test'}, 'registry': 'CIPC', 'rules': [{'name': 'sum-equals', 'params':"
                + " {'items': 'people.people', 'field': 'share', 'total': 100}}], 'steps': [{'id': 'people',"
                + " 'title': {'en': 'People'}, 'example': {}, 'people': ['people'], 'rules': [{'name': 'min-items',"
                + " 'params': {'items': 'people', 'min': 1}}], 'schema': {'$schema':"
                + " 'https://json-schema.org/draft/2020-12/schema', 'type': 'object', 'additionalProperties': false,"
                + " 'required': ['people'], 'properties': {'people': {'type': 'array', 'maxItems': 5, 'items':"
                + " {'type': 'object', 'additionalProperties': false, 'required': " + required + ", 'properties': {"
                + properties + ", 'name': {'type': 'string', 'maxLength': " + maxLength + "}}}}}}}, {'id': 'other',"
                + " 'title': {'en': 'Other'}, 'example': {}, 'schema': {'type': 'object', 'properties': {'note':"
                + " {'type': 'string', 'maxLength': 10}}}}]}"));
    }

    private static final Definition PEOPLE = definition(
            "'personId': {'type': 'string', 'format': 'uuid'}, 'vat': {'type': 'string', 'maxLength': 10, 'format':"
                    + " 'za-vat-number'}, 'share': {'type': 'number'}, 'born': {'type': 'string', 'format': 'date'}",
            "['name']",
            20);

    @Test
    void errorsAndWarningsCarryTheFieldPath() {
        ValidationResult result = validator.validateStep(
                PEOPLE,
                "people",
                json("{'people': [{'name': 'Ann', 'vat': '4123456780', 'share': 100}, {'vat': '5123456784',"
                        + " 'born': '2026-02-30', 'personId': 'not-a-uuid', 'extra': 1}]}"));
        assertThat(result.valid()).isFalse();
        assertThat(result.errors())
                .containsExactlyInAnyOrder(
                        new FieldMessage("people[1].name", "is required"),
                        new FieldMessage(
                                "people[1].vat", "must be a valid South African VAT number: 10 digits starting with 4"),
                        new FieldMessage("people[1].born", "must be a date like 2026-03-15"),
                        new FieldMessage("people[1].personId", "must be a UUID"),
                        new FieldMessage("people[1].extra", "is not a field of this form"));
        assertThat(result.warnings())
                .containsExactly(new FieldMessage(
                        "people[0].vat", "VAT number fails the usual check digit test; check the number"));
    }

    @Test
    void warningsNeverMakeDataInvalid() {
        ValidationResult result =
                validator.validateStep(PEOPLE, "people", json("{'people': [{'name': 'Ann', 'vat': '4123456780'}]}"));
        assertThat(result.valid()).isTrue();
        assertThat(result.errors()).isEmpty();
        assertThat(result.warnings()).hasSize(1);
    }

    @Test
    void missingDataIsAnEmptyStep() {
        assertThat(validator.validateStep(PEOPLE, "people", null).errors())
                .containsExactly(
                        new FieldMessage("people", "is required"),
                        new FieldMessage("people", "must have at least 1 entry"));
    }

    @Test
    void anUnknownStepIsRefused() {
        assertThatThrownBy(() -> validator.validateStep(PEOPLE, "nope", json("{}")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ZA/test.v1 has no step nope");
    }

    @Test
    void atSubmitPathsArePrefixedAndTheDefinitionsRulesRun() {
        ValidationResult result = validator.validateAll(
                PEOPLE,
                Map.of(
                        "people", json("{'people': [{'name': 'Ann', 'share': 60}, {'share': 30}]}"),
                        "stray", json("{}")));
        assertThat(result.errors())
                .containsExactly(
                        new FieldMessage("stray", "is not a step of ZA/test.v1"),
                        new FieldMessage("people.people[1].name", "is required"),
                        new FieldMessage("people.people", "the share values must total 100 (they total 90)"));
    }

    @Test
    void aDifferentSchemaUnderTheSameVersionIsNotServedFromTheCache() {
        Definition longNames = definition("'personId': {'type': 'string', 'format': 'uuid'}", "['name']", 20);
        Definition shortNames = definition("'personId': {'type': 'string', 'format': 'uuid'}", "['name']", 2);
        JsonNode data = json("{'people': [{'name': 'Ann'}]}");
        assertThat(validator.validateStep(longNames, "people", data).valid()).isTrue();
        assertThat(validator.validateStep(shortNames, "people", data).errors())
                .containsExactly(new FieldMessage("people[0].name", "must be at most 2 characters"));
        assertThat(validator.validateStep(longNames, "people", data).valid()).isTrue();
    }

    @Test
    void oneValidatorServesManyThreads() throws Exception {
        Definition privateCompany = AllDefinitionsTest.load("ZA/private-company.v1.json");
        ObjectNode broken =
                privateCompany.step("directors").orElseThrow().example().deepCopy();
        ((ObjectNode) broken.get("directors").get(1)).put("idNumber", "8503305044089");
        ValidationResult expected = validator.validateStep(privateCompany, "directors", broken);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<ValidationResult>> results = new ArrayList<>();
            StepValidator shared = new StepValidator(CLOCK, Map.of(), WorkingDays.mondayToFriday());
            for (int i = 0; i < 200; i++) {
                JsonNode data = i % 2 == 0
                        ? broken
                        : privateCompany.step("directors").orElseThrow().example();
                results.add(pool.submit(() -> shared.validateStep(privateCompany, "directors", data)));
            }
            for (int i = 0; i < results.size(); i++) {
                ValidationResult result = results.get(i).get();
                if (i % 2 == 0) {
                    assertThat(result).isEqualTo(expected);
                } else {
                    assertThat(result.errors()).isEmpty();
                    assertThat(result.warnings()).isEmpty();
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aResultIsValidExactlyWhenItHasNoErrors() {
        assertThat(ValidationResult.of(List.of(), List.of(new FieldMessage("a", "b")))
                        .valid())
                .isTrue();
        assertThatThrownBy(() -> new ValidationResult(true, List.of(new FieldMessage("a", "b")), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void businessDaysMondayToFriday() {
        // Friday 13 March 2026 + 1 business day is Monday 16 March.
        assertThat(WorkingDays.mondayToFriday().plusBusinessDays("ZA", LocalDate.parse("2026-03-13"), 1))
                .isEqualTo("2026-03-16");
        assertThat(WorkingDays.mondayToFriday().plusBusinessDays("ZA", LocalDate.parse("2026-03-13"), 0))
                .isEqualTo("2026-03-13");
    }
}
