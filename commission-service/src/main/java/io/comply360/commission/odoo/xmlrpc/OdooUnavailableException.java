package io.comply360.commission.odoo.xmlrpc;

/**
 * Odoo could not be reached or did not answer with an XML-RPC document: connection refused, timeout, I/O
 * error, or an HTTP status other than 200 (Odoo itself answers 200 even for faults, so any other status
 * comes from a proxy, a load balancer, or a URL that is not an Odoo server).
 *
 * <p>{@link #status()} is the HTTP status, or {@link #NO_STATUS} when no HTTP answer was received.
 * {@link #transientFailure()} says whether retrying later may help: true for network failures, timeouts,
 * 408, 425, 429 and 5xx; false for everything else (404 means the base URL does not point at Odoo,
 * 401/403 a proxy refusing us, 3xx a redirect we do not follow, typically http to https).
 *
 * <p>Messages contain the endpoint URL and status, never request parameters (and so never the API key).
 */
public class OdooUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** {@link #status()} value when the failure happened before any HTTP status was received. */
    public static final int NO_STATUS = 0;

    private final int status;

    /** A failure with an HTTP status other than 200. */
    public OdooUnavailableException(String message, int status) {
        super(message);
        this.status = status;
    }

    /** A failure before any HTTP status was received (always transient). */
    public OdooUnavailableException(String message, Throwable cause) {
        super(message, cause);
        this.status = NO_STATUS;
    }

    /** The HTTP status, or {@link #NO_STATUS} for network failures and timeouts. */
    public int status() {
        return status;
    }

    /** Whether a later retry may succeed without anyone changing the configuration. */
    public boolean transientFailure() {
        return status == NO_STATUS
                || status == 408
                || status == 425
                || status == 429
                || (status >= 500 && status <= 599);
    }
}
