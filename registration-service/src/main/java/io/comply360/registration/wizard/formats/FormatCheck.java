package io.comply360.registration.wizard.formats;

import java.util.List;

/**
 * What a domain format found in one value: an error (the value is invalid) or none, and warnings that never make
 * the value invalid (facts we could not confirm are warnings, never rejections).
 */
public record FormatCheck(String error, List<String> warnings) {

    private static final FormatCheck OK = new FormatCheck(null, List.of());

    public FormatCheck {
        warnings = List.copyOf(warnings);
    }

    public static FormatCheck ok() {
        return OK;
    }

    public static FormatCheck error(String message) {
        return new FormatCheck(message, List.of());
    }

    public static FormatCheck warning(String message) {
        return new FormatCheck(null, List.of(message));
    }

    public boolean valid() {
        return error == null;
    }
}
