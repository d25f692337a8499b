package io.comply360.registration.wizard;

import java.util.ArrayList;
import java.util.List;

import com.networknt.schema.ExecutionContext;
import com.networknt.schema.JsonNodePath;

/** The format warnings of one schema validation, kept in that validation's collector context. */
final class FormatWarnings {

    private static final String KEY = FormatWarnings.class.getName();

    private final List<FieldMessage> warnings = new ArrayList<>();

    /** A fresh collection, installed in an execution context before the validation runs. */
    static FormatWarnings installIn(ExecutionContext context) {
        FormatWarnings warnings = new FormatWarnings();
        context.getCollectorContext().add(KEY, warnings);
        return warnings;
    }

    static FormatWarnings of(ExecutionContext context) {
        Object warnings = context.getCollectorContext().get(KEY);
        // A schema compiled by us but run by someone else's validation call: nowhere to report to.
        return warnings instanceof FormatWarnings ? (FormatWarnings) warnings : new FormatWarnings();
    }

    void add(JsonNodePath location, List<String> messages) {
        for (String message : messages) {
            FieldMessage warning = new FieldMessage(SchemaMessages.field(location), message);
            if (!warnings.contains(warning)) {
                warnings.add(warning);
            }
        }
    }

    List<FieldMessage> list() {
        return List.copyOf(warnings);
    }
}
