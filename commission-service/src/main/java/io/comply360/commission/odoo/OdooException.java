package io.comply360.commission.odoo;

/**
 * A call to an agency's Odoo that failed, with what it means for the sync: {@link Kind#UNAVAILABLE} passes (retry
 * with backoff, the breaker counts it); the others need a person (the job stops as FAILED) — but
 * {@link Kind#OTHER}, an error Odoo did not explain, is retried a bounded number of times first. The message never
 * holds the API key nor Odoo's traceback.
 */
public class OdooException extends RuntimeException {

    public enum Kind {
        /** Odoo could not be reached, timed out, answered 5xx, or asked us to retry (a serialization failure). */
        UNAVAILABLE,
        /** The login or the API key was refused, or the user may not do this. */
        ACCESS_DENIED,
        /** Odoo refused the data (a validation or user error). */
        VALIDATION,
        /** A model we need is not installed (CRM, Invoicing). */
        MISSING_MODEL,
        /** The URL does not lead to an Odoo (404, not XML-RPC). */
        NOT_ODOO,
        /** Any other fault. */
        OTHER
    }

    private final Kind kind;

    public OdooException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public OdooException(Kind kind, String message) {
        this(kind, message, null);
    }

    public Kind kind() {
        return kind;
    }

    /** Whether waiting may cure it. */
    public boolean transientFailure() {
        return kind == Kind.UNAVAILABLE;
    }
}
