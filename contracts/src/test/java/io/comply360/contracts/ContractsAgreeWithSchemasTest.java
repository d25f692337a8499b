package io.comply360.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;

import jakarta.annotation.Nullable;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.comply360.platform.broker.EventContract;

/**
 * Each payload record and its JSON schema say the same: the same fields, required exactly where the record's
 * component is not {@link Nullable}, and JSON types the record's types are written as. A field added on one side
 * only, or a type changed on one side only, fails here before a producer or consumer can disagree.
 */
class ContractsAgreeWithSchemasTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestFactory
    Stream<DynamicTest> eachRecordAgreesWithItsSchema() {
        return EventContracts.ALL.stream()
                .map(contract -> DynamicTest.dynamicTest(
                        contract.type().dataschema(),
                        () -> assertThat(disagreements(contract, schemaOf(contract)))
                                .isEmpty()));
    }

    @Test
    void everySchemaHasAContractAndEveryContractOneSchema() throws IOException, URISyntaxException {
        Set<String> schemas = new TreeSet<>();
        Path folder = Path.of(ContractsAgreeWithSchemasTest.class
                        .getResource("/events/envelope.v1.schema.json")
                        .toURI())
                .getParent();
        try (Stream<Path> files = Files.list(folder)) {
            files.map(file -> file.getFileName().toString())
                    .filter(name -> !name.startsWith("envelope."))
                    .forEach(name -> schemas.add(name.replace(".schema.json", "")));
        }
        Set<String> contracts = new TreeSet<>();
        EventContracts.ALL.forEach(
                c -> contracts.add(c.type().type() + ".v" + c.type().version()));
        assertThat(contracts).isEqualTo(schemas);
    }

    @Test
    void aRecordThatDisagreesWithItsSchemaIsCaught() throws IOException {
        record Drifted(
                UUID tenantId, Integer slug, @Nullable Instant requestedAt, String extra, boolean enabled) {}
        EventContract<Drifted> drifted =
                EventContract.of("tenant.events", "tenant.provisioning_requested", 1, Drifted.class);
        assertThat(disagreements(drifted, schemaOf(drifted)))
                .containsExactlyInAnyOrder(
                        "slug: record Integer, schema string",
                        "requestedAt: required in the schema, @Nullable in the record",
                        "extra: in the record, not in the schema",
                        "enabled: a primitive boolean, use its boxed type",
                        "enabled: in the record, not in the schema");
    }

    private static JsonNode schemaOf(EventContract<?> contract) throws IOException {
        String name =
                "/events/" + contract.type().type() + ".v" + contract.type().version() + ".schema.json";
        try (InputStream in = ContractsAgreeWithSchemasTest.class.getResourceAsStream(name)) {
            assertThat(in).as("schema %s on the contracts' classpath", name).isNotNull();
            return JSON.readTree(in);
        }
    }

    private static List<String> disagreements(EventContract<?> contract, JsonNode schema) {
        List<String> found = new ArrayList<>();
        JsonNode properties = schema.path("properties");
        Set<String> required = new HashSet<>();
        schema.path("required").forEach(r -> required.add(r.asText()));
        Set<String> components = new HashSet<>();
        for (RecordComponent component : contract.payload().getRecordComponents()) {
            String name = component.getName();
            components.add(name);
            if (component.getType().isPrimitive()) {
                // Jackson reads an absent primitive as 0 or false: the contract could not tell it was missing.
                found.add(name + ": a primitive " + component.getType() + ", use its boxed type");
            }
            if (!properties.has(name)) {
                found.add(name + ": in the record, not in the schema");
                continue;
            }
            boolean nullable = component.isAnnotationPresent(Nullable.class);
            if (required.contains(name) == nullable) {
                found.add(name
                        + (nullable
                                ? ": required in the schema, @Nullable in the record"
                                : ": optional in the schema, required (not @Nullable) in the record"));
            }
            String jsonType = jsonType(component.getGenericType());
            JsonNode declared = properties.get(name).get("type");
            if (declared != null && !declared.asText().equals(jsonType)) {
                found.add(name + ": record " + component.getType().getSimpleName() + ", schema " + declared.asText());
            }
            if (declared == null && properties.get(name).has("enum") && !"string".equals(jsonType)) {
                found.add(name + ": record " + component.getType().getSimpleName() + ", schema an enum of strings");
            }
        }
        properties.fieldNames().forEachRemaining(name -> {
            if (!components.contains(name)) {
                found.add(name + ": in the schema, not in the record");
            }
        });
        return found;
    }

    /** How Jackson writes a value of {@code type}. */
    private static String jsonType(Type type) {
        Class<?> raw = type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
        if (raw == String.class
                || raw == UUID.class
                || raw == Instant.class
                || raw == LocalDate.class
                || raw.isEnum()) {
            return "string";
        }
        if (raw == int.class || raw == long.class || raw == Integer.class || raw == Long.class) {
            return "integer";
        }
        if (raw == BigDecimal.class || raw == double.class || raw == Double.class) {
            return "number";
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return "boolean";
        }
        if (List.class.isAssignableFrom(raw) || Set.class.isAssignableFrom(raw)) {
            return "array";
        }
        if (Map.class.isAssignableFrom(raw) || raw.isRecord()) {
            return "object";
        }
        return raw.getName();
    }
}
