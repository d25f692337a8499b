package io.comply360.commission.odoo.xmlrpc;

/**
 * What an Odoo fault means for the sync, as determined by {@link OdooFault#classify(XmlRpcFault)}.
 */
public enum OdooFaultKind {
    /**
     * The credentials were refused ({@code odoo.exceptions.AccessDenied}, fault code 3: wrong or revoked
     * API key, unknown login) or the user lacks the rights for the operation
     * ({@code odoo.exceptions.AccessError}, fault code 4). A tenant admin has to act; retrying is useless.
     */
    ACCESS_DENIED,
    /**
     * Odoo refused the data or the operation ({@code UserError}, {@code ValidationError},
     * {@code MissingError}, {@code RedirectWarning}, all fault code 2, or an SQL constraint that Odoo
     * turned into a {@code ValidationError}). Odoo does not say which of these it was on
     * {@code /xmlrpc/2/}: code 2 carries only the message.
     */
    VALIDATION,
    /**
     * The model does not exist in that database, usually because the Odoo app providing it is not
     * installed: Odoo 17 raises {@code UserError("Object <model> doesn't exist")} (fault code 2).
     */
    MISSING_MODEL,
    /**
     * A PostgreSQL concurrency failure (serialization failure, lock not available, deadlock) that was
     * still failing after Odoo's own 5 retries; it reaches us as fault code 1 with a traceback. Retry later.
     */
    CONCURRENCY,
    /** Anything else, typically an unexpected server-side exception reported as code 1 with a traceback. */
    OTHER
}
