package io.comply360.platform.error;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** One offending field of a request: its JSON path (e.g. {@code countries[1]}) and what is wrong. */
@RegisterForReflection // part of Problem, serialised reflectively
public record FieldError(String field, String message) {}
