package io.comply360.platform.error.internal;

/**
 * Bounds of what a problem reports: at most {@value #MAX} field errors (a request breaking thousands of rules
 * gets the first ones and the count, not a body larger than the request), and field names cut to
 * {@value #MAX_FIELD_LENGTH} characters with unprintable characters escaped (map keys come from the client).
 */
public final class FieldErrors {

    public static final int MAX = 20;
    public static final int MAX_FIELD_LENGTH = 120;

    private FieldErrors() {}

    /** The field name as it can be shown: control and format characters as {@code \\uXXXX}, cut when too long. */
    public static String field(String name) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < name.length() && out.length() < MAX_FIELD_LENGTH; i++) {
            char c = name.charAt(i);
            if (Character.isISOControl(c)
                    || Character.isSurrogate(c)
                    || Character.getType(c) == Character.FORMAT
                    || c == '\uFFFE'
                    || c == '\uFFFF') {
                out.append(String.format("\\u%04X", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.length() >= MAX_FIELD_LENGTH && name.length() > MAX_FIELD_LENGTH ? out + "…" : out.toString();
    }
}
