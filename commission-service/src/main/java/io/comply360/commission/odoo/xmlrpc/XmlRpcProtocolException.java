package io.comply360.commission.odoo.xmlrpc;

/**
 * The peer sent something that is not a well-formed, acceptable XML-RPC document: malformed or truncated
 * XML, a DTD, nesting deeper than {@value XmlRpcCodec#MAX_DEPTH}, an unknown value type, a number that
 * does not fit its type, more bytes than allowed, or a document of the wrong shape (for example two
 * {@code <param>}s in a response).
 *
 * <p>Messages name the problem and never echo more than a short snippet of the offending input.
 */
public class XmlRpcProtocolException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public XmlRpcProtocolException(String message) {
        super(message);
    }

    public XmlRpcProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
