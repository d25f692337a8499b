package io.comply360.platform.web;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * CSV lines (RFC 4180) safe to open in a spreadsheet: a field that a spreadsheet would read as a formula (it starts
 * with {@code = + - @}, a tab or a carriage return) is prefixed with an apostrophe, so that an exported client name
 * such as {@code =HYPERLINK(...)} stays text; fields with commas, quotes or line breaks are quoted.
 */
public final class Csv {

    private Csv() {}

    /** One line, ending in CRLF; null fields are empty. */
    public static String line(List<?> fields) {
        return fields.stream().map(Csv::field).collect(Collectors.joining(",", "", "\r\n"));
    }

    static String field(Object value) {
        if (value == null) {
            return "";
        }
        String text = Objects.toString(value);
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }
}
