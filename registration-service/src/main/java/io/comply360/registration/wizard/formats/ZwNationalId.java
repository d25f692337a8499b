package io.comply360.registration.wizard.formats;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Zimbabwe national ID {@code NN-NNNNNN(N)LNN}: office code, number, check letter, district code; hyphens and
 * spaces optional. The check letter is said to be office code and number read as one number, mod 23, over the
 * alphabet without I, O and U (0 is Z); this is unconfirmed, so a mismatch is only a warning.
 */
public final class ZwNationalId implements DomainFormat {

    private static final Pattern SHAPE = Pattern.compile("(\\d{2})(\\d{6,7})([A-Z])(\\d{2})");
    private static final String CHECK_LETTERS = "ZABCDEFGHJKLMNPQRSTVWXY";

    @Override
    public String name() {
        return "zw-national-id";
    }

    @Override
    public FormatCheck check(String value) {
        Matcher matcher = SHAPE.matcher(value.replace("-", "").replace(" ", ""));
        if (!matcher.matches()) {
            return FormatCheck.error("must be a Zimbabwe national ID number like 08-2047823Q29");
        }
        long number = Long.parseLong(matcher.group(1) + matcher.group(2));
        char expected = CHECK_LETTERS.charAt((int) (number % CHECK_LETTERS.length()));
        if (matcher.group(3).charAt(0) != expected) {
            return FormatCheck.warning("the check letter " + matcher.group(3) + " does not match the expected "
                    + expected + "; check the number");
        }
        return FormatCheck.ok();
    }
}
