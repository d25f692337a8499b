package io.comply360.registration.wizard;

/** An error or warning on a field, {@code directors[0].idNumber}, with a short English message. */
public record FieldMessage(String field, String message) {

    /** The same message with its field put under {@code prefix} (a step id at submit). */
    public FieldMessage under(String prefix) {
        return new FieldMessage(field.isEmpty() ? prefix : prefix + "." + field, message);
    }
}
