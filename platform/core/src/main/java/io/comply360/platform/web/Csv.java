package io.comply360.platform.web;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * CSV lines (RFC 4180) safe to open in a spreadsheet: a field that a spreadsheet would read as a formula (it starts
 * with {@code = + - @}, a tab or a carriage return) is prefixed with an apostrophe, so that an exported client name
 * such as {@code =HYPERLINK(...)} stays text; fields with commas, quotes or line breaks are quoted.
 */
public final class Csv {

    private Csv() {}

    /**
     * An export streamed as it is read: the header, then the rows of slice after slice ({@code next} reads up to
     * {@code slice} rows after the last row of the previous slice, null for the first — one short transaction
     * each, keyset-ordered), at most {@code maxRows} rows. Nothing holds a connection or the whole list.
     */
    public static <T> Multi<String> export(
            List<String> header, int slice, int maxRows, Function<T, Uni<List<T>>> next, Function<T, List<?>> row) {
        AtomicReference<T> last = new AtomicReference<>();
        Multi<String> rows = Multi.createBy()
                .repeating()
                .uni(() -> next.apply(last.get()).invoke(items -> {
                    if (!items.isEmpty()) {
                        last.set(items.get(items.size() - 1));
                    }
                }))
                .whilst(items -> items.size() == slice)
                .onItem()
                .transformToIterable(items -> items)
                .select()
                .first(maxRows)
                .map(item -> line(row.apply(item)));
        return Multi.createBy().concatenating().streams(Multi.createFrom().item(line(header)), rows);
    }

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
