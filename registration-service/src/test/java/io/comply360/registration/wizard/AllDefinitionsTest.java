package io.comply360.registration.wizard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Every definition wizards/index.json lists, whoever wrote it: it parses, its examples are valid step by step and
 * together, and it keeps the conventions. A listed file that is missing fails here, by name.
 */
class AllDefinitionsTest {

    private static final ZoneId SA = ZoneId.of("Africa/Johannesburg");
    private static final Clock CLOCK =
            Clock.fixed(LocalDate.parse("2026-03-16").atTime(10, 0).atZone(SA).toInstant(), SA);
    private static final StepValidator VALIDATOR = new StepValidator(CLOCK, Map.of(), WorkingDays.mondayToFriday());

    @TestFactory
    Stream<DynamicContainer> everyIndexedDefinition() {
        return Definitions.indexedFiles(ClasspathJson.read(Definitions.INDEX)).stream()
                .map(file -> dynamicContainer(
                        file,
                        Stream.of(
                                dynamicTest("exists, parses and is named after its content", () -> load(file)),
                                dynamicTest("every step's example is valid", () -> examplesAreValid(load(file))),
                                dynamicTest(
                                        "all examples together pass the definition's rules",
                                        () -> examplesPassTogether(load(file))),
                                dynamicTest(
                                        "keeps the conventions",
                                        () -> assertThat(DefinitionConventions.violations(load(file)))
                                                .isEmpty()))));
    }

    @Test
    void theIndexListsTheFiveDefinitionsAndTheRetiredCloseCorporation() {
        JsonNode index = ClasspathJson.read(Definitions.INDEX);
        assertThat(Definitions.indexedFiles(index))
                .containsExactlyInAnyOrder(
                        "ZA/private-company.v1.json",
                        "ZA/name-reservation.v1.json",
                        "ZA/close-corporation-changes.v1.json",
                        "ZA/vat-registration.v1.json",
                        "ZW/private-company.v1.json");
        assertThat(Definitions.retiredTypes(index)).singleElement().satisfies(retired -> {
            assertThat(retired.country()).isEqualTo("ZA");
            assertThat(retired.type()).isEqualTo("close-corporation");
            assertThat(retired.since()).isEqualTo("2011-05-01");
            assertThat(retired.message().keySet()).containsExactlyInAnyOrder("en", "af");
        });
    }

    @Test
    void theServiceLoadsEveryIndexedDefinition() {
        Definitions definitions = Definitions.fromClasspath();
        assertThat(definitions.all()).hasSize(5);
        assertThat(definitions.latest("ZA", "private-company")).isPresent();
        assertThat(definitions.retired("ZA", "close-corporation")).isPresent();
    }

    static Definition load(String file) {
        String resource = "wizards/" + file;
        JsonNode json;
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                return fail("wizards/index.json lists " + file + ", but src/main/resources/" + resource
                        + " does not exist");
            }
            json = new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(resource + " is not JSON", e);
        }
        Definition definition = Definition.parse(json);
        assertThat(definition.key() + ".json").as("what %s holds", resource).isEqualTo(file);
        return definition;
    }

    static Map<String, JsonNode> examples(Definition definition) {
        Map<String, JsonNode> examples = new LinkedHashMap<>();
        definition.steps().forEach(step -> examples.put(step.id(), step.example()));
        return examples;
    }

    private static void examplesAreValid(Definition definition) {
        for (Step step : definition.steps()) {
            ValidationResult result = VALIDATOR.validateStep(definition, step.id(), step.example());
            assertThat(result.errors())
                    .as("errors in the example of step %s of %s", step.id(), definition.key())
                    .isEmpty();
        }
    }

    private static void examplesPassTogether(Definition definition) {
        ValidationResult result = VALIDATOR.validateAll(definition, examples(definition));
        assertThat(result.errors())
                .as("errors in the examples of %s", definition.key())
                .isEmpty();
        assertThat(result.valid()).isTrue();
    }
}
