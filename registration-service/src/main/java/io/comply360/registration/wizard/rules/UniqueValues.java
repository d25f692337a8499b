package io.comply360.registration.wizard.rules;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.comply360.registration.wizard.FieldPath;

/** {@code unique-values}: an array of texts has no duplicates, ignoring case and spacing (proposed names). */
final class UniqueValues implements Rule {

    private static final String NAME = "unique-values";

    @Override
    public void check(JsonNode params, RuleContext context) {
        for (FieldPath.Located values : FieldPath.resolve(context.data(), Params.text(params, "field", NAME))) {
            if (!values.node().isArray()) {
                continue;
            }
            Map<String, Integer> first = new HashMap<>();
            for (int i = 0; i < values.node().size(); i++) {
                JsonNode value = values.node().get(i);
                if (!value.isTextual()) {
                    continue;
                }
                Integer earlier = first.putIfAbsent(normalized(value.asText()), i);
                if (earlier != null) {
                    context.error(
                            FieldPath.item(values.path(), i),
                            "must be unique: the same as " + FieldPath.item(values.path(), earlier));
                }
            }
        }
    }

    private static String normalized(String value) {
        return value.trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }
}
