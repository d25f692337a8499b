package io.comply360.notification.template;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What templates see: a few sections of text, the same names for every workflow (a section that does not apply is
 * empty), so a template that renders against the sample data renders against every real message. Values are text
 * (counts and amounts too) and lists of such maps; templates cannot call methods on them.
 */
public final class ViewModel {

    /** Every section and its names, in the order the template editor lists them. */
    public static final Map<String, List<String>> NAMES = names();

    private final Map<String, Object> model = new LinkedHashMap<>();

    public ViewModel() {
        NAMES.forEach((section, keys) -> {
            if (keys.isEmpty()) {
                model.put(section, "");
            } else {
                Map<String, Object> values = new LinkedHashMap<>();
                keys.forEach(key -> values.put(key, key.equals("items") ? List.of() : ""));
                model.put(section, values);
            }
        });
    }

    /** Sets {@code section.key} (null becomes empty). */
    @SuppressWarnings("unchecked")
    public ViewModel set(String section, String key, Object value) {
        Map<String, Object> values = (Map<String, Object>) model.get(section);
        if (values == null || !values.containsKey(key)) {
            throw new IllegalArgumentException("No " + section + "." + key + " in the view model");
        }
        values.put(key, value == null ? "" : value);
        return this;
    }

    /** Sets a top-level value ({@code link}). */
    public ViewModel set(String name, String value) {
        if (!(model.get(name) instanceof String)) {
            throw new IllegalArgumentException("No " + name + " in the view model");
        }
        model.put(name, value == null ? "" : value);
        return this;
    }

    public ViewModel copy() {
        ViewModel copy = new ViewModel();
        model.forEach((name, value) ->
                copy.model.put(name, value instanceof Map<?, ?> map ? new LinkedHashMap<>(map) : value));
        return copy;
    }

    public Map<String, Object> asMap() {
        return model;
    }

    private static Map<String, List<String>> names() {
        Map<String, List<String>> names = new LinkedHashMap<>();
        names.put("agency", List.of("name", "colour", "logo", "portal"));
        names.put("recipient", List.of("name", "locale", "client"));
        names.put("link", List.of());
        names.put("filing", List.of("reference", "type", "country", "status", "company", "enterpriseNumber"));
        names.put("document", List.of("type", "reason"));
        names.put("commission", List.of("amount", "currency", "reference"));
        names.put("settlement", List.of("total", "currency", "periodEnd", "count"));
        names.put("sla", List.of("status", "enteredAt", "dueAt"));
        names.put("odoo", List.of("entity", "reason"));
        names.put("request", List.of("title", "message"));
        names.put("digest", List.of("date", "hours", "waiting", "warnings", "breached", "items"));
        return java.util.Collections.unmodifiableMap(names);
    }
}
