package io.comply360.registration.wizard;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.ValidationMessage;

/** The schema library's messages as ours: a field path like {@code directors[0].surname} and short English. */
final class SchemaMessages {

    private static final Map<String, String> STANDARD_FORMATS = Map.of(
            "date", "must be a date like 2026-03-15",
            "email", "must be a valid email address",
            "uuid", "must be a UUID");

    private SchemaMessages() {}

    /** {@code /directors/0/idNumber} (a JSON pointer, whichever way the library spells it) as directors[0].idNumber. */
    static String field(JsonNodePath location) {
        String field = "";
        for (int i = 0; i < location.getNameCount(); i++) {
            Object element = location.getElement(i);
            field = element instanceof Integer
                    ? FieldPath.item(field, (Integer) element)
                    : FieldPath.child(field, String.valueOf(element));
        }
        return field;
    }

    static FieldMessage of(ValidationMessage message) {
        String field = field(message.getInstanceLocation());
        JsonNode schema = message.getSchemaNode();
        switch (message.getType()) {
            case "required":
                return new FieldMessage(FieldPath.child(field, message.getProperty()), "is required");
            case "additionalProperties":
                return new FieldMessage(FieldPath.child(field, message.getProperty()), "is not a field of this form");
            case "format":
                return new FieldMessage(field, formatMessage(message));
            case "type":
                JsonNode type = keyword(schema, "type");
                return new FieldMessage(
                        field, type.isTextual() ? "must be " + article(type.asText()) : "must be of type " + type);
            case "enum":
                return new FieldMessage(field, "must be one of " + values(keyword(schema, "enum")));
            case "const":
                return new FieldMessage(field, constMessage(keyword(schema, "const")));
            case "maxLength":
                return new FieldMessage(field, "must be at most " + keyword(schema, "maxLength") + " characters");
            case "minLength":
                return new FieldMessage(
                        field,
                        keyword(schema, "minLength").asInt() == 1
                                ? "must not be empty"
                                : "must be at least " + keyword(schema, "minLength") + " characters");
            case "pattern":
                return new FieldMessage(field, "is not in the expected form");
            case "minimum":
                return new FieldMessage(field, "must be at least " + keyword(schema, "minimum"));
            case "maximum":
                return new FieldMessage(field, "must be at most " + keyword(schema, "maximum"));
            case "exclusiveMinimum":
                return new FieldMessage(field, "must be more than " + keyword(schema, "exclusiveMinimum"));
            case "exclusiveMaximum":
                return new FieldMessage(field, "must be less than " + keyword(schema, "exclusiveMaximum"));
            case "multipleOf":
                return new FieldMessage(field, "must be a multiple of " + keyword(schema, "multipleOf"));
            case "minItems":
                return new FieldMessage(field, "must have at least " + keyword(schema, "minItems") + " entries");
            case "maxItems":
                return new FieldMessage(field, "must have at most " + keyword(schema, "maxItems") + " entries");
            case "uniqueItems":
                return new FieldMessage(field, "must not repeat an entry");
            default:
                return new FieldMessage(field, withoutLocation(message));
        }
    }

    private static String formatMessage(ValidationMessage message) {
        Object ours = message.getDetails() == null ? null : message.getDetails().get(SchemaFormat.MESSAGE);
        if (ours != null) {
            return ours.toString();
        }
        String standard =
                STANDARD_FORMATS.get(keyword(message.getSchemaNode(), "format").asText());
        return standard != null ? standard : withoutLocation(message);
    }

    // The library hands over the keyword's value or, for some keywords, the schema object holding it.
    private static JsonNode keyword(JsonNode schema, String name) {
        return schema != null && schema.isObject() && schema.has(name) ? schema.get(name) : schema;
    }

    private static String constMessage(JsonNode value) {
        if (value.isBoolean() && value.booleanValue()) {
            return "must be confirmed";
        }
        return "must be " + value;
    }

    private static String article(String type) {
        switch (type) {
            case "object":
            case "array":
            case "integer":
                return "an " + type;
            case "string":
                return "a text";
            case "boolean":
                return "true or false";
            default:
                return "a " + type;
        }
    }

    private static String values(JsonNode values) {
        List<String> texts = new ArrayList<>();
        values.forEach(value -> texts.add(value.isTextual() ? value.asText() : value.toString()));
        return String.join(", ", texts);
    }

    private static String withoutLocation(ValidationMessage message) {
        String text = message.getMessage();
        String prefix = message.getInstanceLocation() + ": ";
        return text.startsWith(prefix) ? text.substring(prefix.length()) : text;
    }
}
