package io.comply360.platform.error;

/** One offending field of a request: its JSON path (e.g. {@code countries[1]}) and what is wrong. */
public record FieldError(String field, String message) {
}
