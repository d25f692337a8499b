package io.comply360.platform.error;

import java.util.List;

/**
 * Thrown by services to answer with a problem. Business rules raise these; the mapper turns them into
 * {@code application/problem+json}. Stack traces are not filled: these are answers, not bugs.
 */
public class ProblemException extends RuntimeException {

    private final ProblemType type;
    private final List<FieldError> errors;

    public ProblemException(ProblemType type, String detail) {
        this(type, detail, List.of());
    }

    public ProblemException(ProblemType type, String detail, List<FieldError> errors) {
        super(detail, null, false, false);
        this.type = type;
        this.errors = List.copyOf(errors);
    }

    public ProblemType type() {
        return type;
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** 404 for an unknown id and equally for another tenant's: existence is never revealed. */
    public static ProblemException notFound(String what) {
        return new ProblemException(ProblemType.NOT_FOUND, what + " not found");
    }

    /** 422: a rule is violated by one field. */
    public static ProblemException invalid(String field, String message) {
        return new ProblemException(
                ProblemType.VALIDATION_FAILED, "The request breaks a rule", List.of(new FieldError(field, message)));
    }

    /** 409: the resource's state does not allow this, or it already exists. */
    public static ProblemException conflict(String detail) {
        return new ProblemException(ProblemType.CONFLICT, detail);
    }

    /** 409 naming the field that duplicates an existing resource. */
    public static ProblemException duplicate(String field, String message) {
        return new ProblemException(
                ProblemType.CONFLICT,
                "A resource with this " + field + " already exists",
                List.of(new FieldError(field, message)));
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(ProblemType.FORBIDDEN, detail);
    }
}
