package io.comply360.commission.odoo.xmlrpc;

import java.util.regex.Pattern;

/**
 * Interprets faults the way Odoo 17 produces them ({@code odoo/addons/base/controllers/rpc.py}; details
 * and quotes in ODOO17_NOTES.md).
 *
 * <p>On {@code /xmlrpc/2/common} and {@code /xmlrpc/2/object} ({@code xmlrpc_handle_exception_int}):
 * <ul>
 *   <li>code 3 {@code RPC_FAULT_CODE_ACCESS_DENIED}: {@code AccessDenied}, faultString {@code str(e)},
 *       normally {@code "Access Denied"};</li>
 *   <li>code 4 {@code RPC_FAULT_CODE_ACCESS_ERROR}: {@code AccessError}, faultString = the message;</li>
 *   <li>code 2 {@code RPC_FAULT_CODE_WARNING}: {@code RedirectWarning} and every other {@code UserError}
 *       subclass ({@code ValidationError}, {@code MissingError}, and the missing-model error
 *       {@code "Object x.y doesn't exist"}), faultString = the message only, no class name;</li>
 *   <li>code 1 {@code RPC_FAULT_CODE_APPLICATION_ERROR}: anything else, faultString = the formatted Python
 *       traceback ending in a line such as {@code psycopg2.errors.SerializationFailure: could not serialize
 *       access due to concurrent update}.</li>
 * </ul>
 * The legacy {@code /xmlrpc/} endpoint ({@code xmlrpc_handle_exception_string}) sends string codes
 * ({@code "AccessDenied"}, {@code "warning -- AccessError\n\n<msg>"}, {@code "warning -- UserError\n\n<msg>"},
 * ...) with an empty faultString; these are classified too.
 *
 * <p>Note that {@code common.authenticate} does not fault on bad credentials: it returns {@code False}.
 */
public final class OdooFault {

    /** Maximum length of {@link #summary(XmlRpcFault)}, which is shown to tenant admins. */
    public static final int SUMMARY_MAX_CHARS = 500;

    static final int RPC_FAULT_CODE_WARNING = 2;
    static final int RPC_FAULT_CODE_ACCESS_DENIED = 3;
    static final int RPC_FAULT_CODE_ACCESS_ERROR = 4;

    /** Odoo 17 {@code odoo/service/model.py}: {@code raise UserError(_("Object %s doesn't exist", obj))}. */
    private static final Pattern MISSING_MODEL = Pattern.compile("\\AObject \\S+ doesn't exist\\s*\\z");

    /**
     * The PostgreSQL errors Odoo retries ({@code PG_CONCURRENCY_ERRORS_TO_RETRY}: lock not available,
     * serialization failure, deadlock detected) as psycopg2 renders them in the final traceback line.
     */
    private static final Pattern CONCURRENCY =
            Pattern.compile("\\b(?:SerializationFailure|LockNotAvailable|DeadlockDetected|TransactionRollbackError)\\b"
                    + "|could not serialize access|could not obtain lock|deadlock detected");

    private OdooFault() {}

    /** Classifies a fault from either Odoo XML-RPC endpoint; never throws. */
    public static OdooFaultKind classify(XmlRpcFault fault) {
        Object code = fault.faultCode();
        String text = fault.faultString();
        if (code instanceof Integer intCode) {
            return switch (intCode) {
                case RPC_FAULT_CODE_ACCESS_DENIED, RPC_FAULT_CODE_ACCESS_ERROR -> OdooFaultKind.ACCESS_DENIED;
                case RPC_FAULT_CODE_WARNING -> userErrorKind(text);
                default -> applicationErrorKind(text);
            };
        }
        String stringCode = code == null ? "" : code.toString();
        if (stringCode.equals("AccessDenied") || stringCode.startsWith("warning -- AccessError")) {
            return OdooFaultKind.ACCESS_DENIED;
        }
        if (stringCode.startsWith("warning -- ")) {
            return userErrorKind(legacyWarningMessage(stringCode));
        }
        return applicationErrorKind(stringCode + "\n" + text);
    }

    /**
     * The human message for a tenant admin: the exception message without traceback frames or Python
     * module path, whitespace collapsed, at most {@value #SUMMARY_MAX_CHARS} characters. For the legacy
     * string fault codes (where Odoo puts the message in the code) the message is taken from the code.
     */
    public static String summary(XmlRpcFault fault) {
        String text = fault.faultString();
        if (fault.faultCode() instanceof String stringCode) {
            if (stringCode.startsWith("warning -- ")) {
                text = legacyWarningMessage(stringCode);
            } else if (!FaultText.isTraceback(text)) {
                text = text.isBlank() ? stringCode : stringCode + ": " + text;
            }
        }
        return FaultText.summarize(text, SUMMARY_MAX_CHARS);
    }

    /** {@code "warning -- UserError\n\n<message>"} becomes {@code <message>}. */
    private static String legacyWarningMessage(String stringCode) {
        int separator = stringCode.indexOf("\n\n");
        return separator < 0 ? "" : stringCode.substring(separator + 2);
    }

    private static OdooFaultKind userErrorKind(String message) {
        return MISSING_MODEL.matcher(message.strip()).matches()
                ? OdooFaultKind.MISSING_MODEL
                : OdooFaultKind.VALIDATION;
    }

    private static OdooFaultKind applicationErrorKind(String traceback) {
        String exception = FaultText.isTraceback(traceback) ? FaultText.exceptionText(traceback) : traceback;
        return CONCURRENCY.matcher(exception).find() ? OdooFaultKind.CONCURRENCY : OdooFaultKind.OTHER;
    }
}
