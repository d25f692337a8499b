package io.comply360.registration.wizard;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.comply360.platform.error.FieldError;
import io.comply360.platform.error.ProblemException;
import io.comply360.platform.error.ProblemType;
import io.comply360.platform.validation.Text;

/** What holds for a step's data before any schema looks at it, and the people ids the service keeps stable. */
public final class StepData {

    /** More would only be a way to make a request cost more than its fields allow. */
    static final int MAX_ERRORS = 50;

    private StepData() {}

    /**
     * The data must be a JSON object whose keys and strings can be stored: no NUL or control characters (tabs and
     * line breaks are fine in text), no lone surrogates. 422 naming each field otherwise.
     */
    public static void requireStorableObject(JsonNode data, String prefix) {
        if (data == null || !data.isObject()) {
            throw ProblemException.invalid(prefix.isEmpty() ? "data" : prefix, "must be a JSON object");
        }
        List<FieldError> errors = new ArrayList<>();
        walk(data, prefix, errors);
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "The step's data cannot be stored", errors);
        }
    }

    private static void walk(JsonNode node, String path, List<FieldError> errors) {
        if (errors.size() >= MAX_ERRORS) {
            return;
        }
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String child = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                String keyProblem = Text.problemOf(field.getKey());
                if (keyProblem != null || field.getKey().isEmpty()) {
                    errors.add(new FieldError(
                            path.isEmpty() ? "data" : path,
                            keyProblem == null ? "must not have an empty field name" : "field names " + keyProblem));
                    continue;
                }
                walk(field.getValue(), child, errors);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), path + "[" + i + "]", errors);
            }
        } else if (node.isTextual()) {
            String text = node.textValue().replace('\n', ' ').replace('\r', ' ').replace('\t', ' ');
            String problem = Text.problemOf(text);
            if (problem != null) {
                errors.add(new FieldError(path, problem));
            }
        }
    }

    /**
     * Gives every item of the step's people groups that has no {@code personId} a new one, so that documents and
     * checks can name a person across edits; items keep the ids they came with.
     */
    public static ObjectNode withPersonIds(Step step, ObjectNode data) {
        ObjectNode copy = data.deepCopy();
        for (String group : step.people()) {
            JsonNode items = copy.get(group);
            if (items != null && items.isArray()) {
                for (JsonNode item : items) {
                    if (item.isObject() && !item.hasNonNull("personId")) {
                        ((ObjectNode) item).put("personId", UUID.randomUUID().toString());
                    }
                }
            }
        }
        return copy;
    }
}
