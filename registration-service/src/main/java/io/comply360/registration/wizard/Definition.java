package io.comply360.registration.wizard;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.comply360.registration.wizard.formats.DomainFormats;
import io.comply360.registration.wizard.rules.Rules;

/**
 * A wizard definition file (wizards/COUNTRY/type.vN.json, see wizard-format.md), checked when it is parsed so that
 * a broken file stops the service at start rather than a client at submit.
 */
public record Definition(
        String country,
        String type,
        int version,
        Map<String, String> title,
        Map<String, String> description,
        String registry,
        List<String> forms,
        List<Step> steps,
        List<RuleRef> rules,
        List<DocumentRequirement> documents,
        JsonNode source) {

    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
    private static final Pattern TYPE = Pattern.compile("[a-z0-9-]+");
    private static final Pattern STEP_ID = Pattern.compile("[a-z][a-zA-Z0-9]*");
    private static final Pattern DOCUMENT_TYPE = Pattern.compile("[a-z_]+");
    private static final Set<String> REGISTRIES = Set.of("CIPC", "SARS", "CIPZ");

    public Definition {
        title = Map.copyOf(title);
        description = Map.copyOf(description);
        forms = List.copyOf(forms);
        steps = List.copyOf(steps);
        rules = List.copyOf(rules);
        documents = List.copyOf(documents);
    }

    /** The definition in {@code json}; IllegalArgumentException naming what is wrong and where. */
    public static Definition parse(JsonNode json) {
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("A wizard definition must be a JSON object");
        }
        String country = text(json, "country", "definition");
        String type = text(json, "type", "definition");
        String where = country + "/" + type;
        if (!COUNTRY.matcher(country).matches()) {
            throw invalid(where, "country must be an upper-case ISO 3166 alpha-2 code");
        }
        if (!TYPE.matcher(type).matches()) {
            throw invalid(where, "type must match [a-z0-9-]+");
        }
        JsonNode versionNode = json.path("version");
        if (!versionNode.canConvertToInt() || !versionNode.isIntegralNumber() || versionNode.intValue() < 1) {
            throw invalid(where, "version must be an integer >= 1");
        }
        int version = versionNode.intValue();
        where = where + ".v" + version;
        String registry = text(json, "registry", where);
        if (!REGISTRIES.contains(registry)) {
            throw invalid(where, "registry must be one of " + REGISTRIES);
        }
        List<Step> steps = steps(json.path("steps"), where);
        return new Definition(
                country,
                type,
                version,
                localized(json.get("title"), where + ": title"),
                localized(json.get("description"), where + ": description"),
                registry,
                strings(json.get("forms"), where + ": forms"),
                steps,
                rules(json.get("rules"), where + ": rules"),
                documents(json.get("documents"), steps, where),
                json);
    }

    public Optional<Step> step(String id) {
        return steps.stream().filter(step -> step.id().equals(id)).findFirst();
    }

    /** {@code ZA/private-company.v1}: how messages and logs name a definition. */
    public String key() {
        return country + "/" + type + ".v" + version;
    }

    private static List<Step> steps(JsonNode node, String where) {
        if (!node.isArray() || node.isEmpty()) {
            throw invalid(where, "steps must be a non-empty array");
        }
        List<Step> steps = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode step = node.get(i);
            String id = text(step, "id", where + ": steps[" + i + "]");
            String at = where + ": steps[" + i + "] (" + id + ")";
            if (!STEP_ID.matcher(id).matches()) {
                throw invalid(at, "id must match [a-z][a-zA-Z0-9]*");
            }
            if (!ids.add(id)) {
                throw invalid(at, "id is used by an earlier step");
            }
            JsonNode schema = step.path("schema");
            if (!schema.isObject() || !"object".equals(schema.path("type").asText())) {
                throw invalid(at, "schema must be a JSON Schema of \"type\": \"object\"");
            }
            checkFormats(schema, at + ": schema");
            List<String> people = strings(step.get("people"), at + ": people");
            for (String group : people) {
                if (!"array"
                        .equals(schema.path("properties")
                                .path(group)
                                .path("type")
                                .asText())) {
                    throw invalid(at, "people group '" + group + "' is not an array property of the schema");
                }
            }
            JsonNode ui = step.has("ui") ? step.get("ui") : JsonNodeFactory.instance.objectNode();
            if (!ui.isObject()) {
                throw invalid(at, "ui must be an object keyed by field path");
            }
            JsonNode example = step.path("example");
            if (!example.isObject()) {
                throw invalid(at, "example must be an object (a valid example of the step's data)");
            }
            steps.add(new Step(
                    id,
                    localized(step.get("title"), at + ": title"),
                    schema,
                    people,
                    ui,
                    rules(step.get("rules"), at + ": rules"),
                    example));
        }
        return steps;
    }

    private static void checkFormats(JsonNode schema, String where) {
        if (schema.isObject()) {
            JsonNode format = schema.get("format");
            if (format != null && format.isTextual() && !DomainFormats.names().contains(format.asText())) {
                throw invalid(where, "unknown format '" + format.asText() + "'");
            }
            schema.fields().forEachRemaining(field -> checkFormats(field.getValue(), where));
        } else if (schema.isArray()) {
            schema.forEach(item -> checkFormats(item, where));
        }
    }

    private static List<RuleRef> rules(JsonNode node, String where) {
        if (node == null) {
            return List.of();
        }
        if (!node.isArray()) {
            throw invalid(where, "must be an array");
        }
        List<RuleRef> rules = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String name = text(node.get(i), "name", where + "[" + i + "]");
            if (!Rules.names().contains(name)) {
                throw invalid(where + "[" + i + "]", "unknown rule '" + name + "' (known: " + Rules.names() + ")");
            }
            JsonNode params = node.get(i).path("params");
            if (!params.isObject()) {
                throw invalid(where + "[" + i + "] (" + name + ")", "params must be an object");
            }
            rules.add(new RuleRef(name, params));
        }
        return rules;
    }

    private static List<DocumentRequirement> documents(JsonNode node, List<Step> steps, String where) {
        if (node == null) {
            return List.of();
        }
        if (!node.isArray()) {
            throw invalid(where, "documents must be an array");
        }
        Map<String, Step> byId = new LinkedHashMap<>();
        steps.forEach(step -> byId.put(step.id(), step));
        List<DocumentRequirement> documents = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode document = node.get(i);
            String at = where + ": documents[" + i + "]";
            String type = text(document, "type", at);
            if (!DOCUMENT_TYPE.matcher(type).matches()) {
                throw invalid(at, "type must match [a-z_]+");
            }
            DocumentRequirement.Per per = null;
            if (document.hasNonNull("per")) {
                String step = text(document.get("per"), "step", at + ".per");
                String items = text(document.get("per"), "items", at + ".per");
                if (!byId.containsKey(step) || !byId.get(step).people().contains(items)) {
                    throw invalid(at, "per names '" + step + "." + items + "', which is no people group of a step");
                }
                per = new DocumentRequirement.Per(step, items);
            }
            DocumentRequirement.When when = null;
            if (document.hasNonNull("when")) {
                JsonNode condition = document.get("when");
                String step = text(condition, "step", at + ".when");
                if (!byId.containsKey(step) || !condition.has("equals")) {
                    throw invalid(at, "when must name a step of this definition, a field and the value it equals");
                }
                when = new DocumentRequirement.When(
                        step, text(condition, "field", at + ".when"), condition.get("equals"));
            }
            JsonNode required = document.path("required");
            if (!required.isMissingNode() && !required.isBoolean()) {
                throw invalid(at, "required must be true or false");
            }
            documents.add(new DocumentRequirement(
                    type, localized(document.get("label"), at + ".label"), per, when, required.asBoolean(true)));
        }
        return documents;
    }

    private static Map<String, String> localized(JsonNode node, String where) {
        if (node == null || !node.isObject() || !node.path("en").isTextual()) {
            throw new IllegalArgumentException(where + " must be an object of texts by language, with \"en\"");
        }
        Map<String, String> texts = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!field.getValue().isTextual()) {
                throw new IllegalArgumentException(where + "." + field.getKey() + " must be a text");
            }
            texts.put(field.getKey(), field.getValue().asText());
        }
        return texts;
    }

    private static List<String> strings(JsonNode node, String where) {
        if (node == null) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new IllegalArgumentException(where + " must be an array of texts");
        }
        List<String> values = new ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                throw new IllegalArgumentException(where + " must be an array of texts");
            }
            values.add(item.asText());
        }
        return values;
    }

    private static String text(JsonNode node, String field, String where) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || !value.isTextual() || value.asText().isEmpty()) {
            throw new IllegalArgumentException(where + ": \"" + field + "\" must be a non-empty text");
        }
        return value.asText();
    }

    private static IllegalArgumentException invalid(String where, String what) {
        return new IllegalArgumentException(where + ": " + what);
    }
}
