package io.comply360.platform.error;

import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.comply360.platform.error.internal.FieldErrors;
import io.comply360.platform.web.RequestIds;

/**
 * The one writer of problem documents ({@link Problem#MEDIA_TYPE}): the services' exception mappers and the
 * gateway, which answers outside JAX-RS, render them here, so a client meets the same document from both. It
 * carries the current request id and at most {@value FieldErrors#MAX} field errors, their names made printable.
 * <p>
 * A mapper of its own rather than the application's: a problem is a few strings and numbers, and it must be
 * written the same way whatever a service configures for its own payloads.
 */
public final class ProblemJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ProblemJson() {}

    /** The problem of {@code type}, answered with the type's own status. */
    public static String render(ProblemType type, String detail, List<FieldError> errors, String instance) {
        return render(type, type.status(), detail, errors, instance);
    }

    /** The problem of {@code type} answered with another status (one without a more specific type). */
    public static String render(ProblemType type, int status, String detail, List<FieldError> errors, String instance) {
        List<FieldError> shown = errors.stream()
                .limit(FieldErrors.MAX)
                .map(error -> new FieldError(FieldErrors.field(error.field()), error.message()))
                .toList();
        try {
            return JSON.writeValueAsString(
                    new Problem(type.uri(), type.title(), status, detail, instance, RequestIds.current(), shown));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A problem document cannot be written", e);
        }
    }
}
