package io.comply360.registration.wizard.formats;

import java.util.regex.Pattern;

import io.comply360.contracts.identity.Luhn;

/**
 * SARS VAT number: 4 and nine digits. SARS publishes no check digit; the numbers we have seen pass Luhn, so a
 * failure is a warning only.
 */
public final class ZaVatNumber implements DomainFormat {

    private static final Pattern SHAPE = Pattern.compile("4\\d{9}");

    @Override
    public String name() {
        return "za-vat-number";
    }

    @Override
    public FormatCheck check(String value) {
        if (!SHAPE.matcher(value).matches()) {
            return FormatCheck.error("must be a valid South African VAT number: 10 digits starting with 4");
        }
        if (!Luhn.valid(value)) {
            return FormatCheck.warning("VAT number fails the usual check digit test; check the number");
        }
        return FormatCheck.ok();
    }
}
