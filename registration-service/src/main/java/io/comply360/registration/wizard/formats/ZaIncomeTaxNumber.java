package io.comply360.registration.wizard.formats;

import io.comply360.contracts.identity.Luhn;

/** SARS income tax reference: 10 digits, the first 0, 1, 2, 3 or 9, the last a Luhn check digit. */
public final class ZaIncomeTaxNumber implements DomainFormat {

    private static final String INVALID = "must be a valid SARS income tax reference number: ";

    @Override
    public String name() {
        return "za-income-tax-number";
    }

    @Override
    public FormatCheck check(String value) {
        if (!Luhn.asciiDigits(value) || value.length() != 10) {
            return FormatCheck.error(INVALID + "10 digits");
        }
        if ("01239".indexOf(value.charAt(0)) < 0) {
            return FormatCheck.error(INVALID + "the first digit must be 0, 1, 2, 3 or 9");
        }
        if (!Luhn.valid(value)) {
            return FormatCheck.error(INVALID + "the check digit is wrong");
        }
        return FormatCheck.ok();
    }
}
