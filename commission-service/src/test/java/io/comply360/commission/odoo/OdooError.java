package io.comply360.commission.odoo;

/**
 * An error raised inside the fake "Odoo", already classified the way Odoo 17's
 * {@code xmlrpc_handle_exception_int} (odoo/addons/base/controllers/rpc.py) classifies exceptions:
 * <ul>
 *   <li>{@code UserError} and subclasses ({@code ValidationError}, {@code MissingError}) → faultCode 2,
 *       faultString = {@code str(e)} (the bare message)</li>
 *   <li>{@code AccessDenied} → faultCode 3, faultString {@code "Access Denied"}</li>
 *   <li>{@code AccessError} → faultCode 4, faultString = {@code str(e)}</li>
 *   <li>anything else (ValueError, TypeError, psycopg2 errors, ...) → faultCode 1, faultString = the full
 *       {@code traceback.format_exception(...)} text. The fake synthesises the frames; only the last line
 *       ({@code ExceptionType: message}) is meant to be faithful.</li>
 * </ul>
 */
final class OdooError extends RuntimeException {

    static final int RPC_FAULT_CODE_APPLICATION_ERROR = 1;
    static final int RPC_FAULT_CODE_WARNING = 2;
    static final int RPC_FAULT_CODE_ACCESS_DENIED = 3;
    static final int RPC_FAULT_CODE_ACCESS_ERROR = 4;

    final int faultCode;
    /** For code 1: the Python exception line ("ValueError: ..."); otherwise the bare message. */
    final String text;

    private OdooError(int faultCode, String text) {
        super(text, null, false, false);
        this.faultCode = faultCode;
        this.text = text;
    }

    /** odoo.exceptions.UserError / ValidationError / MissingError → faultCode 2. */
    static OdooError userError(String message) {
        return new OdooError(RPC_FAULT_CODE_WARNING, message);
    }

    /** odoo.exceptions.AccessDenied() → faultCode 3, "Access Denied". */
    static OdooError accessDenied() {
        return new OdooError(RPC_FAULT_CODE_ACCESS_DENIED, "Access Denied");
    }

    /** odoo.exceptions.AccessError → faultCode 4. */
    static OdooError accessError(String message) {
        return new OdooError(RPC_FAULT_CODE_ACCESS_ERROR, message);
    }

    /** Any other Python exception → faultCode 1 with a traceback; {@code exceptionLine} e.g. "ValueError: x". */
    static OdooError python(String exceptionLine) {
        return new OdooError(RPC_FAULT_CODE_APPLICATION_ERROR, exceptionLine);
    }

    /** The faultString exactly as it goes on the wire. */
    String faultString(String service, String method) {
        if (faultCode != RPC_FAULT_CODE_APPLICATION_ERROR) {
            return text;
        }
        return traceback(service, method, text);
    }

    /**
     * {@code "".join(traceback.format_exception(*sys.exc_info()))}. The frames are synthesised (they name the real
     * Odoo 17 call path but line numbers are not real); the final line is what clients should rely on.
     */
    static String traceback(String service, String method, String exceptionLine) {
        String base = "/usr/lib/python3/dist-packages/odoo/";
        StringBuilder b = new StringBuilder("Traceback (most recent call last):\n");
        frame(b, base + "addons/base/controllers/rpc.py", 137, "xmlrpc_2", "response = self._xmlrpc(service)");
        frame(
                b,
                base + "addons/base/controllers/rpc.py",
                108,
                "_xmlrpc",
                "result = dispatch_rpc(service, method, params)");
        frame(b, base + "http.py", 368, "dispatch_rpc", "return dispatch(method, params)");
        if ("object".equals(service)) {
            frame(b, base + "service/model.py", 39, "dispatch", "res = execute_kw(db, uid, *params[3:])");
            frame(
                    b,
                    base + "service/model.py",
                    64,
                    "execute_kw",
                    "return execute(db, uid, obj, method, *args, **kw or {})");
        } else {
            frame(b, base + "service/common.py", 60, "dispatch", "return g[exp_method_name](*params)");
        }
        frame(b, "<OdooFake>", 0, method, "# frames above are synthesised by OdooFake; the last line is faithful");
        b.append(exceptionLine);
        if (!exceptionLine.endsWith("\n")) {
            b.append('\n');
        }
        return b.toString();
    }

    private static void frame(StringBuilder b, String file, int line, String fn, String code) {
        b.append("  File \"")
                .append(file)
                .append("\", line ")
                .append(line)
                .append(", in ")
                .append(fn)
                .append('\n');
        b.append("    ").append(code).append('\n');
    }
}
