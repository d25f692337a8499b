package io.comply360.platform.validation;

/**
 * What counts as text a person typed, one rule for every service. Refused anywhere in input: NUL and the other
 * control characters (PostgreSQL cannot store NUL in text; the others are invisible and break logs, CSV exports
 * and mail headers) except tab, line feed and carriage return; lone surrogates (half of a character: the
 * database refuses them as invalid UTF-8); and the non-characters U+FFFE and U+FFFF. Blank is more than Java's
 * whitespace: a name of only no-break spaces or zero-width characters looks empty to everyone who reads it.
 */
public final class Text {

    private Text() {}

    /** Why {@code value} cannot be stored as text, or {@code null} when it can. */
    public static String problemOf(CharSequence value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return "must not contain half of a character (a lone surrogate)";
            }
            if (Character.isLowSurrogate(c)) {
                return "must not contain half of a character (a lone surrogate)";
            }
            if (c == 0) {
                return "must not contain NUL characters";
            }
            if (isControl(c)) {
                return "must not contain control characters";
            }
            if (c == '\uFFFE' || c == '\uFFFF') {
                return "must not contain non-characters";
            }
        }
        return null;
    }

    /** True when nothing in {@code value} can be seen: empty, spaces of any kind, zero-width or format characters. */
    public static boolean isBlank(CharSequence value) {
        for (int i = 0; i < value.length(); ) {
            int cp = Character.codePointAt(value, i);
            if (isVisible(cp)) {
                return false;
            }
            i += Character.charCount(cp);
        }
        return true;
    }

    private static boolean isControl(char c) {
        return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7F && c <= 0x9F);
    }

    private static boolean isVisible(int cp) {
        if (Character.isWhitespace(cp) || Character.isSpaceChar(cp) || Character.isISOControl(cp)) {
            return false;
        }
        int type = Character.getType(cp);
        if (type == Character.FORMAT || type == Character.UNASSIGNED || type == Character.SURROGATE) {
            return false;
        }
        // Letters and symbols that render as nothing (Hangul fillers, Braille blank, Mongolian vowel separator).
        return cp != 0x115F && cp != 0x1160 && cp != 0x3164 && cp != 0xFFA0 && cp != 0x2800 && cp != 0x180E;
    }
}
