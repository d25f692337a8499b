package io.comply360.platform.error;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * An RFC 9457 problem document, the body of every error response ({@code application/problem+json}).
 * {@code errors} lists offending fields for 400/422; {@code requestId} lets an operator find the log lines.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@RegisterForReflection // serialised from exception mappers' untyped responses: native needs it registered
public record Problem(
        String type,
        String title,
        int status,
        String detail,
        String instance,
        String requestId,
        List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
}
