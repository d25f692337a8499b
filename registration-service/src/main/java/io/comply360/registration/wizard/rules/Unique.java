package io.comply360.registration.wizard.rules;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.comply360.registration.wizard.FieldPath;

/** {@code unique}: no two items share a non-empty value of a listed field (the same person entered twice). */
final class Unique implements Rule {

    private static final String NAME = "unique";

    @Override
    public void check(JsonNode params, RuleContext context) {
        for (FieldPath.Located items : FieldPath.resolve(context.data(), Params.text(params, "items", NAME))) {
            if (!items.node().isArray()) {
                continue;
            }
            for (String field : Params.texts(params, "fields", NAME)) {
                Map<String, Integer> first = new HashMap<>();
                for (int i = 0; i < items.node().size(); i++) {
                    JsonNode value = items.node().get(i).path(field);
                    if (!value.isTextual() || value.asText().isBlank()) {
                        continue;
                    }
                    Integer earlier = first.putIfAbsent(normalized(value.asText()), i);
                    if (earlier != null) {
                        context.error(
                                FieldPath.child(FieldPath.item(items.path(), i), field),
                                "must be unique: the same as " + FieldPath.item(items.path(), earlier));
                    }
                }
            }
        }
    }

    // Identity numbers are typed with and without spaces, in either case.
    private static String normalized(String value) {
        return value.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
    }
}
