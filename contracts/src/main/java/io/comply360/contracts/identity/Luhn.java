package io.comply360.contracts.identity;

/**
 * The Luhn (mod 10) check digit used by SA ID numbers, income tax references and (by practice) VAT numbers. Shared
 * by the services that check such numbers: registration-service when they are typed, document-service when they are
 * read off a page.
 */
public final class Luhn {

    private Luhn() {}

    /** Whether a string of ASCII digits, its last digit being the check digit, passes. */
    public static boolean valid(String digits) {
        int sum = 0;
        boolean doubled = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int digit = digits.charAt(i) - '0';
            if (doubled) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
            doubled = !doubled;
        }
        return sum % 10 == 0;
    }

    public static boolean asciiDigits(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return !value.isEmpty();
    }
}
