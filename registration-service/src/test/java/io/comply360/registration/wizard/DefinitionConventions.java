package io.comply360.registration.wizard;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The conventions of wizard-format.md a schema library does not check: bounded strings and arrays, closed objects,
 * a label in English and Afrikaans for every field, people groups with a personId.
 */
final class DefinitionConventions {

    private static final String DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema";
    private static final List<String> SAME_INSTANCE = List.of("allOf", "anyOf", "oneOf");
    private static final List<String> CONDITIONAL = List.of("if", "then", "else", "not");

    private DefinitionConventions() {}

    static List<String> violations(Definition definition) {
        List<String> problems = new ArrayList<>();
        for (Step step : definition.steps()) {
            String at = definition.key() + " step " + step.id() + ": ";
            if (!DRAFT_2020_12.equals(step.schema().path("$schema").asText())) {
                problems.add(at + "the schema must declare \"$schema\": \"" + DRAFT_2020_12 + "\"");
            }
            Map<String, JsonNode> fields = new LinkedHashMap<>();
            walk(step.schema(), "", fields, problems, at);
            fields.keySet().forEach(field -> checkLabel(step.ui().path(field), field, problems, at));
            step.ui().fieldNames().forEachRemaining(key -> {
                if (!fields.containsKey(key)) {
                    problems.add(at + "ui entry " + key + " names no field of the schema");
                }
            });
            for (String group : step.people()) {
                JsonNode items = step.schema().path("properties").path(group).path("items");
                JsonNode personId = items.path("properties").path("personId");
                if (!"string".equals(personId.path("type").asText())
                        || !"uuid".equals(personId.path("format").asText())) {
                    problems.add(at + group + "[] must declare personId: {type: string, format: uuid}");
                }
                items.path("required").forEach(required -> {
                    if ("personId".equals(required.asText())) {
                        problems.add(at + group + "[].personId must not be required (the service assigns it)");
                    }
                });
            }
        }
        return problems;
    }

    private static void checkLabel(JsonNode entry, String field, List<String> problems, String at) {
        for (String language : List.of("en", "af")) {
            if (entry.path("label").path(language).asText("").isBlank()) {
                problems.add(at + field + " needs a ui label in " + language);
            }
        }
    }

    private static void walk(
            JsonNode schema, String path, Map<String, JsonNode> fields, List<String> problems, String at) {
        if (!schema.isObject()) {
            return;
        }
        String where = path.isEmpty() ? "the step's object" : path;
        switch (schema.path("type").asText()) {
            case "object":
                if (!schema.path("additionalProperties").isBoolean()
                        || schema.path("additionalProperties").booleanValue()) {
                    problems.add(at + where + " must have \"additionalProperties\": false");
                }
                break;
            case "string":
                if (!schema.path("maxLength").isIntegralNumber()) {
                    problems.add(at + where + " is a string without maxLength");
                }
                break;
            case "array":
                if (!schema.path("maxItems").isIntegralNumber()) {
                    problems.add(at + where + " is an array without maxItems");
                }
                break;
            default:
        }
        if (schema.has("$ref") || schema.has("$defs")) {
            problems.add(at + where + " uses $ref/$defs, which these checks (and the UI) do not follow");
        }
        schema.path("properties").fields().forEachRemaining(property -> {
            String field = FieldPath.child(path, property.getKey());
            fields.putIfAbsent(field, property.getValue());
            walk(property.getValue(), field, fields, problems, at);
        });
        if (schema.path("items").isObject()) {
            fields.putIfAbsent(path + "[]", schema.get("items"));
            walk(schema.get("items"), path + "[]", fields, problems, at);
        }
        for (String keyword : SAME_INSTANCE) {
            schema.path(keyword).forEach(sub -> walk(sub, path, fields, problems, at));
        }
        for (String keyword : CONDITIONAL) {
            walk(schema.path(keyword), path, fields, problems, at);
        }
    }
}
