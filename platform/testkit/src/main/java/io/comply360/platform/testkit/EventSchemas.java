package io.comply360.platform.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * The event contract: an event must satisfy the envelope schema and the schema its {@code dataschema} names,
 * {@code docs/events/<type>.v<n>.schema.json}. Producer tests validate what they wrote; consumer tests
 * validate what they feed in. Both use this one helper, so both sides hold to the same file.
 */
public final class EventSchemas {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    private EventSchemas() {}

    /** Every way {@code event} breaks its schemas; empty when it is valid. */
    public static List<String> violations(JsonNode event) {
        List<String> problems = new ArrayList<>();
        problems.addAll(validate(schema("envelope.v1"), event, ""));
        JsonNode dataschema = event.get("dataschema");
        if (dataschema == null || !dataschema.isTextual()) {
            return problems;
        }
        String[] parts = dataschema.asText().split("/v");
        if (parts.length != 2) {
            problems.add("dataschema " + dataschema.asText() + " is not <type>/v<n>");
            return problems;
        }
        if (!parts[0].equals(event.path("type").asText())) {
            problems.add("dataschema " + dataschema.asText() + " does not name the event's type");
        }
        problems.addAll(validate(schema(parts[0] + ".v" + parts[1]), event.path("data"), "data"));
        return problems;
    }

    public static List<String> violations(String event) {
        try {
            return violations(JSON.readTree(event));
        } catch (IOException e) {
            return List.of("not JSON: " + e.getMessage());
        }
    }

    public static void assertValid(JsonNode event) {
        assertThat(violations(event)).as("schema violations of %s", event).isEmpty();
    }

    public static void assertValid(String event) {
        assertThat(violations(event)).as("schema violations of %s", event).isEmpty();
    }

    private static List<String> validate(JsonSchema schema, JsonNode node, String prefix) {
        Set<ValidationMessage> messages = schema.validate(node);
        List<String> problems = new ArrayList<>();
        for (ValidationMessage message : messages) {
            problems.add((prefix.isEmpty() ? "" : prefix + ": ") + message.getMessage());
        }
        return problems;
    }

    private static JsonSchema schema(String name) {
        Path file = RoleMatrix.locate().resolveSibling("events").resolve(name + ".schema.json");
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("No schema " + file + ": every event type needs one");
        }
        try {
            SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                    .formatAssertionsEnabled(true)
                    .build();
            return FACTORY.getSchema(JSON.readTree(file.toFile()), config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
