package io.comply360.registration.wizard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The reference definition, ZA private company: what its examples become when one thing is wrong. */
class PrivateCompanyDefinitionTest {

    private static final ZoneId SA = ZoneId.of("Africa/Johannesburg");
    private static final Clock CLOCK =
            Clock.fixed(LocalDate.parse("2026-03-16").atTime(10, 0).atZone(SA).toInstant(), SA);
    private static final Definition DEFINITION = AllDefinitionsTest.load("ZA/private-company.v1.json");

    private final StepValidator validator = new StepValidator(CLOCK, Map.of(), WorkingDays.mondayToFriday());

    private static ObjectNode example(String step) {
        return DEFINITION.step(step).orElseThrow().example().deepCopy();
    }

    private static ObjectNode firstDirector(ObjectNode directors) {
        return (ObjectNode) directors.get("directors").get(0);
    }

    @Test
    void theExamplesAreValidAndTogetherPassTheDefinitionsRules() {
        ValidationResult result = validator.validateAll(DEFINITION, AllDefinitionsTest.examples(DEFINITION));
        assertThat(result.errors()).isEmpty();
        assertThat(result.warnings()).isEmpty();
        assertThat(DefinitionConventions.violations(DEFINITION)).isEmpty();
    }

    @Test
    void aDirectorWithoutSurname() {
        ObjectNode directors = example("directors");
        firstDirector(directors).remove("surname");
        assertThat(validator.validateStep(DEFINITION, "directors", directors).errors())
                .containsExactly(new FieldMessage("directors[0].surname", "is required"));
    }

    @Test
    void aDirectorsIdNumberWithAWrongCheckDigit() {
        ObjectNode directors = example("directors");
        firstDirector(directors).put("idNumber", "8503305044089");
        assertThat(validator.validateStep(DEFINITION, "directors", directors).errors())
                .containsExactly(new FieldMessage(
                        "directors[0].idNumber", "must be a valid South African ID number: the check digit is wrong"));
    }

    @Test
    void aPassportDirectorWithoutNationality() {
        ObjectNode directors = example("directors");
        firstDirector(directors)
                .put("idType", "passport")
                .put("passportNumber", "A09876543")
                .put("dateOfBirth", "1985-07-14")
                .remove("idNumber");
        assertThat(validator.validateStep(DEFINITION, "directors", directors).errors())
                .containsExactly(new FieldMessage("directors[0].nationality", "is required"));
    }

    @Test
    void aSouthAfricanDirectorWithoutIdNumber() {
        ObjectNode directors = example("directors");
        firstDirector(directors).remove("idNumber");
        assertThat(validator.validateStep(DEFINITION, "directors", directors).errors())
                .containsExactly(new FieldMessage("directors[0].idNumber", "is required"));
    }

    @Test
    void noDirectorsAndTheSameDirectorTwice() {
        ObjectNode none = example("directors");
        ((ArrayNode) none.get("directors")).removeAll();
        assertThat(validator.validateStep(DEFINITION, "directors", none).errors())
                .containsExactly(new FieldMessage("directors", "must have at least 1 entry"));
        ObjectNode twice = example("directors");
        ((ArrayNode) twice.get("directors")).add(firstDirector(twice).deepCopy());
        assertThat(validator.validateStep(DEFINITION, "directors", twice).errors())
                .containsExactly(new FieldMessage("directors[3].idNumber", "must be unique: the same as directors[0]"));
    }

    @Test
    void aDirectorWithAnUnusualIdNumberIsValidWithAWarning() {
        ObjectNode directors = example("directors");
        firstDirector(directors).put("idNumber", "8001015009079");
        ValidationResult result = validator.validateStep(DEFINITION, "directors", directors);
        assertThat(result.valid()).isTrue();
        assertThat(result.warnings())
                .containsExactly(new FieldMessage(
                        "directors[0].idNumber",
                        "unusual 12th digit 7 (8 or 9 on current ID numbers); check the number"));
    }

    @Test
    void aDirectorsSouthAfricanAddressNeedsASouthAfricanPostalCode() {
        ObjectNode directors = example("directors");
        ((ObjectNode) firstDirector(directors).get("residentialAddress")).put("postalCode", "SW1A 1AA");
        assertThat(validator.validateStep(DEFINITION, "directors", directors).errors())
                .containsExactly(new FieldMessage(
                        "directors[0].residentialAddress.postalCode", "must be a South African postal code: 4 digits"));
    }

    @Test
    void shareholdingsOf60And30() {
        ObjectNode shareholders = example("shareholders");
        ArrayNode list = (ArrayNode) shareholders.get("shareholders");
        ((ObjectNode) list.get(0)).put("percentage", 60);
        list.remove(2);
        assertThat(validator
                        .validateStep(DEFINITION, "shareholders", shareholders)
                        .errors())
                .containsExactly(
                        new FieldMessage("shareholders", "the percentage values must total 100 (they total 90)"));
    }

    @Test
    void aSouthAfricanCompanyShareholderNeedsACipcNumber() {
        ObjectNode shareholders = example("shareholders");
        ((ObjectNode) shareholders.get("shareholders").get(2)).put("registrationNumber", "HRB 12345");
        assertThat(validator
                        .validateStep(DEFINITION, "shareholders", shareholders)
                        .errors())
                .extracting(FieldMessage::field)
                .containsExactly("shareholders[2].registrationNumber");
        ((ObjectNode) shareholders.get("shareholders").get(2))
                .put("registrationCountry", "DE")
                .put("name", "Ndlovu Beteiligungen GmbH");
        assertThat(validator
                        .validateStep(DEFINITION, "shareholders", shareholders)
                        .errors())
                .isEmpty();
    }

    @Test
    void aShareholderMissingFromTheBeneficialOwnersFailsAtSubmit() {
        Map<String, JsonNode> data = AllDefinitionsTest.examples(DEFINITION);
        ObjectNode owners = example("beneficialOwners");
        ((ArrayNode) owners.get("beneficialOwners")).remove(1);
        data.put("beneficialOwners", owners);
        assertThat(validator.validateAll(DEFINITION, data).errors())
                .containsExactly(new FieldMessage(
                        "beneficialOwners.beneficialOwners",
                        "must include Johan Pieter van der Merwe, who holds 30 % (natural-person shareholders with"
                                + " 5 % or more are beneficial owners)"));
    }

    @Test
    void atSubmitStepErrorsCarryTheStepAndMissingStepsAreReported() {
        Map<String, JsonNode> data = AllDefinitionsTest.examples(DEFINITION);
        ObjectNode directors = example("directors");
        firstDirector(directors).remove("surname");
        data.put("directors", directors);
        data.remove("review");
        assertThat(validator.validateAll(DEFINITION, data).errors())
                .containsExactly(
                        new FieldMessage("directors.directors[0].surname", "is required"),
                        new FieldMessage("review.confirmed", "is required"));
    }

    @Test
    void declarationsMustBeConfirmed() {
        ObjectNode declarations = example("declarations");
        declarations.put("informationCorrect", false);
        assertThat(validator
                        .validateStep(DEFINITION, "declarations", declarations)
                        .errors())
                .containsExactly(new FieldMessage("informationCorrect", "must be confirmed"));
    }

    @Test
    void proposedNames() {
        ObjectNode names = example("names");
        ((ArrayNode) names.get("proposedNames")).add("KAROO RIDGE  consulting").add("Bad (Name");
        assertThat(validator.validateStep(DEFINITION, "names", names).errors())
                .containsExactly(
                        new FieldMessage("proposedNames", "must have at most 4 entries"),
                        new FieldMessage("proposedNames[4]", "has an opening bracket without a closing one"),
                        new FieldMessage("proposedNames[3]", "must be unique: the same as proposedNames[0]"));
        ObjectNode none = example("names");
        ((ArrayNode) none.get("proposedNames")).removeAll();
        assertThat(validator.validateStep(DEFINITION, "names", none).valid()).isTrue();
    }

    @Test
    void theDocumentChecklist() {
        assertThat(DEFINITION.documents())
                .extracting(DocumentRequirement::type)
                .containsExactly("id_copy", "id_copy", "proof_of_address", "custom_moi");
        assertThat(DEFINITION.documents().get(0).per())
                .isEqualTo(new DocumentRequirement.Per("directors", "directors"));
        assertThat(DEFINITION.documents().get(3).when().field()).isEqualTo("moi");
        assertThat(DEFINITION.documents().get(3).when().equals().asText()).isEqualTo("custom");
    }
}
