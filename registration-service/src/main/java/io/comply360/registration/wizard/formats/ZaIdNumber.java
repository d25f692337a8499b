package io.comply360.registration.wizard.formats;

import java.time.Clock;
import java.time.LocalDate;

import io.comply360.contracts.identity.Luhn;
import io.comply360.contracts.identity.ZaIdNumbers;

/**
 * South African ID number {@code YYMMDDSSSSCAZ}: a real birth date, C 0 (citizen) or 1 (permanent resident), Z the
 * Luhn digit over all 13. A (once a race code) is 8 or 9 today; other values exist on old numbers, so only a warning.
 */
public final class ZaIdNumber implements DomainFormat {

    private static final String INVALID = "must be a valid South African ID number: ";

    private final Clock clock;

    public ZaIdNumber(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String name() {
        return "za-id-number";
    }

    @Override
    public FormatCheck check(String value) {
        if (!Luhn.asciiDigits(value)) {
            return FormatCheck.error(INVALID + "digits only");
        }
        if (value.length() != 13) {
            return FormatCheck.error(INVALID + "13 digits (this has " + value.length() + ")");
        }
        if (birthDate(value) == null) {
            return FormatCheck.error(
                    INVALID + "the birth date " + value.substring(0, 6) + " (YYMMDD) is not a real date");
        }
        char citizenship = value.charAt(10);
        if (citizenship != '0' && citizenship != '1') {
            return FormatCheck.error(
                    INVALID + "the 11th digit must be 0 (citizen) or 1 (permanent resident), not " + citizenship);
        }
        if (!Luhn.valid(value)) {
            return FormatCheck.error(INVALID + "the check digit is wrong");
        }
        char a = value.charAt(11);
        if (a != '8' && a != '9') {
            return FormatCheck.warning("unusual 12th digit " + a + " (8 or 9 on current ID numbers); check the number");
        }
        return FormatCheck.ok();
    }

    private LocalDate birthDate(String value) {
        return ZaIdNumbers.birthDate(value, LocalDate.now(clock));
    }
}
