package io.comply360.commission.odoo.xmlrpc;

import java.util.Objects;

/**
 * An XML-RPC {@code <fault>} answer: the server understood the call and rejected it.
 *
 * <p>Odoo quirks: on {@code /xmlrpc/2/*} the {@link #faultCode()} is an {@link Integer} (1 = any other
 * exception with a full Python traceback as {@link #faultString()}, 2 = {@code UserError} family, 3 =
 * {@code AccessDenied}, 4 = {@code AccessError}); on the legacy {@code /xmlrpc/*} endpoint it is a
 * {@link String} such as {@code "AccessDenied"} or {@code "warning -- UserError\n\n<message>"}. See
 * {@link OdooFault} for the classification and ODOO17_NOTES.md for the source.
 *
 * <p>{@link #getMessage()} is a one-line summary (the Python exception line, not the traceback); the full
 * text stays available through {@link #faultString()}.
 */
public class XmlRpcFault extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private static final int MESSAGE_SUMMARY_CHARS = 200;

    /** Integer or String; kept as {@link Object} because Odoo sends both depending on the endpoint. */
    private final transient Object faultCode;

    private final String faultString;

    public XmlRpcFault(Object faultCode, String faultString) {
        super("XML-RPC fault " + faultCode + ": " + FaultText.summarize(faultString, MESSAGE_SUMMARY_CHARS));
        this.faultCode = faultCode;
        this.faultString = Objects.requireNonNullElse(faultString, "");
    }

    /** The fault code as sent: an {@link Integer} on {@code /xmlrpc/2/}, possibly a {@link String} elsewhere. */
    public Object faultCode() {
        return faultCode;
    }

    /** The complete fault string as sent (for Odoo code 1: the whole Python traceback). */
    public String faultString() {
        return faultString;
    }
}
