package io.comply360.registration.wizard;

import java.util.List;

/** The outcome of validating wizard data: valid when there are no errors; warnings never make data invalid. */
public record ValidationResult(boolean valid, List<FieldMessage> errors, List<FieldMessage> warnings) {

    public ValidationResult {
        errors = List.copyOf(errors);
        warnings = List.copyOf(warnings);
        if (valid != errors.isEmpty()) {
            throw new IllegalArgumentException("valid must be true exactly when there are no errors");
        }
    }

    public static ValidationResult of(List<FieldMessage> errors, List<FieldMessage> warnings) {
        return new ValidationResult(errors.isEmpty(), errors, warnings);
    }
}
