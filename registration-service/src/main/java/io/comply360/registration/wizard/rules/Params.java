package io.comply360.registration.wizard.rules;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/** Reading a rule's parameters; a missing or mistyped one is a bug in the definition. */
final class Params {

    private Params() {}

    static String text(JsonNode params, String name, String rule) {
        JsonNode value = params.path(name);
        if (!value.isTextual() || value.asText().isEmpty()) {
            throw broken(rule, name, "a text");
        }
        return value.asText();
    }

    static int integer(JsonNode params, String name, String rule) {
        JsonNode value = params.path(name);
        if (!value.isIntegralNumber()) {
            throw broken(rule, name, "an integer");
        }
        return value.intValue();
    }

    static BigDecimal number(JsonNode params, String name, String rule) {
        JsonNode value = params.path(name);
        if (!value.isNumber()) {
            throw broken(rule, name, "a number");
        }
        return value.decimalValue();
    }

    static List<String> texts(JsonNode params, String name, String rule) {
        JsonNode value = params.path(name);
        if (!value.isArray() || value.isEmpty()) {
            throw broken(rule, name, "a non-empty array of texts");
        }
        List<String> texts = new ArrayList<>();
        value.forEach(item -> texts.add(item.asText()));
        return texts;
    }

    static IllegalArgumentException broken(String rule, String name, String expected) {
        return new IllegalArgumentException("Rule " + rule + ": parameter '" + name + "' must be " + expected);
    }
}
