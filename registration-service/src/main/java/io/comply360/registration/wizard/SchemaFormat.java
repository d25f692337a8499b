package io.comply360.registration.wizard;

import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.ExecutionContext;
import com.networknt.schema.Format;
import com.networknt.schema.FormatValidator;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.MessageSourceValidationMessage;
import com.networknt.schema.ValidationContext;
import com.networknt.schema.ValidationMessage;

import io.comply360.registration.wizard.formats.DomainFormat;
import io.comply360.registration.wizard.formats.FormatCheck;

/**
 * One of our domain formats as the schema library's {@link Format}. The error carries our message in the
 * message's details; warnings go to the {@link FormatWarnings} of the running validation, with the instance path,
 * so a warning never makes data invalid (nor changes which branch of an if/then applies).
 */
final class SchemaFormat implements Format {

    static final String MESSAGE = "comply360.message";

    private final DomainFormat format;

    SchemaFormat(DomainFormat format) {
        this.format = format;
    }

    @Override
    public String getName() {
        return format.name();
    }

    @Override
    public Set<ValidationMessage> validate(
            ExecutionContext executionContext,
            ValidationContext validationContext,
            JsonNode value,
            JsonNode rootNode,
            JsonNodePath instanceLocation,
            boolean assertionsEnabled,
            Supplier<MessageSourceValidationMessage.Builder> message,
            FormatValidator formatValidator) {
        // Formats constrain strings only; other types are the "type" keyword's business.
        if (!value.isTextual()) {
            return Set.of();
        }
        FormatCheck check = format.check(value.textValue());
        FormatWarnings.of(executionContext).add(instanceLocation, check.warnings());
        if (check.valid() || !assertionsEnabled) {
            return Set.of();
        }
        return Set.of(message.get()
                .arguments(format.name(), check.error(), value.textValue())
                .details(Map.of(MESSAGE, check.error()))
                .build());
    }
}
