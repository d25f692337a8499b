package io.comply360.registration.wizard.formats;

import java.util.Locale;
import java.util.Set;

/** An ISO 3166-1 alpha-2 country code, upper case ({@code ZA}, {@code ZW}). */
public final class IsoCountry implements DomainFormat {

    private static final Set<String> CODES = Set.of(Locale.getISOCountries());

    @Override
    public String name() {
        return "iso-country";
    }

    @Override
    public FormatCheck check(String value) {
        return CODES.contains(value)
                ? FormatCheck.ok()
                : FormatCheck.error("must be an ISO 3166 country code like ZA or ZW");
    }
}
