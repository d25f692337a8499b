package io.comply360.registration.wizard.formats;

import java.util.regex.Pattern;

/** A format that is only a shape: phone numbers, passport numbers, postal codes. */
public final class PatternFormat implements DomainFormat {

    private final String name;
    private final Pattern pattern;
    private final String message;

    public PatternFormat(String name, String regex, String message) {
        this.name = name;
        this.pattern = Pattern.compile(regex);
        this.message = message;
    }

    public static PatternFormat e164Phone() {
        return new PatternFormat(
                "e164-phone", "\\+[1-9]\\d{7,14}", "must be an international phone number like +27821234567");
    }

    public static PatternFormat passportNumber() {
        return new PatternFormat(
                "passport-number", "[A-Z0-9]{6,20}", "must be a passport number: 6 to 20 capital letters or digits");
    }

    public static PatternFormat zaPostalCode() {
        return new PatternFormat("za-postal-code", "\\d{4}", "must be a South African postal code: 4 digits");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public FormatCheck check(String value) {
        return pattern.matcher(value).matches() ? FormatCheck.ok() : FormatCheck.error(message);
    }
}
