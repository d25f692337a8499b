package io.comply360.commission.odoo.xmlrpc;

import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * Turns a fault string into a short human-readable line. Odoo sends either a plain message (its
 * {@code UserError} family, {@code AccessDenied}, {@code AccessError}) or a complete Python traceback
 * ({@code traceback.format_exception}); for a traceback the useful part is the exception text after the
 * last frame of the last (outermost) traceback, e.g. {@code psycopg2.errors.SerializationFailure: could
 * not serialize access due to concurrent update}, which becomes {@code SerializationFailure: could not
 * serialize access due to concurrent update}.
 */
final class FaultText {

    static final String TRACEBACK_HEADER = "Traceback (most recent call last):";

    /** A dotted Python class path at the start of the exception line, e.g. {@code odoo.exceptions.}. */
    private static final Pattern MODULE_PREFIX = Pattern.compile("^(?:[A-Za-z_]\\w*\\.)+(?=[A-Za-z_]\\w*(?::|$))");

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private FaultText() {}

    /**
     * The message of {@code faultString} without traceback frames or module path, whitespace collapsed to
     * single spaces, at most {@code maxChars} characters (an ellipsis marks a cut).
     */
    static String summarize(String faultString, int maxChars) {
        if (faultString == null) {
            return "";
        }
        String text = isTraceback(faultString) ? exceptionText(faultString) : faultString;
        text = WHITESPACE.matcher(text.strip()).replaceAll(" ");
        text = MODULE_PREFIX.matcher(text).replaceFirst("");
        return truncate(text, maxChars);
    }

    static boolean isTraceback(String faultString) {
        return faultString.contains(TRACEBACK_HEADER);
    }

    /**
     * The text following the frames of the last traceback: the first line after the last header that is
     * neither blank nor indented, and everything after it (exception messages may span several lines).
     * Falls back to the last non-blank line for text that does not have the expected shape.
     */
    static String exceptionText(String traceback) {
        String tail = traceback.substring(traceback.lastIndexOf(TRACEBACK_HEADER) + TRACEBACK_HEADER.length());
        String[] lines = tail.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (!line.isBlank() && !Character.isWhitespace(line.charAt(0))) {
                return String.join("\n", Arrays.copyOfRange(lines, i, lines.length));
            }
        }
        for (int i = lines.length - 1; i >= 0; i--) {
            if (!lines[i].isBlank()) {
                return lines[i];
            }
        }
        return "";
    }

    private static String truncate(String text, int maxChars) {
        if (text.length() <= maxChars) {
            return text;
        }
        int end = maxChars - 1;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "…";
    }
}
