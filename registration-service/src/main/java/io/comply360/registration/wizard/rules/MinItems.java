package io.comply360.registration.wizard.rules;

import com.fasterxml.jackson.databind.JsonNode;

import io.comply360.registration.wizard.FieldPath;

/**
 * {@code min-items}: at least N items. N is fixed ({@code min}) or, where the law is unconfirmed (directors of a
 * Zimbabwe private company), a service setting ({@code minSetting}) with a {@code default}.
 */
final class MinItems implements Rule {

    private static final String NAME = "min-items";

    @Override
    public void check(JsonNode params, RuleContext context) {
        int min = minimum(params, context);
        for (FieldPath.Located items : FieldPath.resolve(context.data(), Params.text(params, "items", NAME))) {
            int count = items.node().isArray() ? items.node().size() : 0;
            if (count < min) {
                context.error(items.path(), "must have at least " + min + (min == 1 ? " entry" : " entries"));
            }
        }
    }

    private static int minimum(JsonNode params, RuleContext context) {
        if (!params.has("minSetting")) {
            return Params.integer(params, "min", NAME);
        }
        String setting = Params.text(params, "minSetting", NAME);
        int fallback = Params.integer(params, "default", NAME);
        return context.setting(setting)
                .map(value -> {
                    try {
                        return Integer.parseInt(value.trim());
                    } catch (NumberFormatException e) {
                        throw new IllegalStateException("Setting " + setting + " must be an integer, not " + value, e);
                    }
                })
                .orElse(fallback);
    }
}
