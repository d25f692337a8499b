package io.comply360.registration.wizard.formats;

/**
 * A company name as CIPC accepts it: any language, letters, digits, spaces, punctuation and {@code + & # @ % =},
 * round brackets in pairs; at most 200 characters.
 */
public final class CompanyName implements DomainFormat {

    private static final int MAX_LENGTH = 200;
    private static final String ALLOWED = "may contain only letters, digits, spaces, punctuation and + & # @ % =";

    @Override
    public String name() {
        return "company-name";
    }

    @Override
    public FormatCheck check(String value) {
        int length = value.codePointCount(0, value.length());
        if (length == 0) {
            return FormatCheck.error("must not be empty");
        }
        if (length > MAX_LENGTH) {
            return FormatCheck.error("must be at most " + MAX_LENGTH + " characters");
        }
        int open = 0;
        boolean letterOrDigit = false;
        for (int i = 0; i < value.length(); ) {
            int c = value.codePointAt(i);
            i += Character.charCount(c);
            if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
                return FormatCheck.error("must not contain control or invisible formatting characters");
            }
            if (Character.isLetterOrDigit(c)) {
                letterOrDigit = true;
            } else if (!mark(c) && !space(c) && !punctuation(c) && "+&#@%=".indexOf(c) < 0) {
                return FormatCheck.error(ALLOWED + " (found '" + new String(Character.toChars(c)) + "')");
            }
            if (c == '(') {
                open++;
            } else if (c == ')' && --open < 0) {
                return FormatCheck.error("has a closing bracket without an opening one");
            }
        }
        if (open > 0) {
            return FormatCheck.error("has an opening bracket without a closing one");
        }
        if (!letterOrDigit) {
            return FormatCheck.error("must contain a letter or a digit");
        }
        return FormatCheck.ok();
    }

    // Combining marks belong to letters in many scripts (Devanagari, Arabic vowel signs, accents typed apart).
    private static boolean mark(int c) {
        int type = Character.getType(c);
        return type == Character.NON_SPACING_MARK
                || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK;
    }

    private static boolean space(int c) {
        return Character.getType(c) == Character.SPACE_SEPARATOR;
    }

    private static boolean punctuation(int c) {
        switch (Character.getType(c)) {
            case Character.CONNECTOR_PUNCTUATION:
            case Character.DASH_PUNCTUATION:
            case Character.START_PUNCTUATION:
            case Character.END_PUNCTUATION:
            case Character.INITIAL_QUOTE_PUNCTUATION:
            case Character.FINAL_QUOTE_PUNCTUATION:
            case Character.OTHER_PUNCTUATION:
                return true;
            default:
                return false;
        }
    }
}
