package io.comply360.commission.odoo.xmlrpc;

import static io.comply360.commission.odoo.xmlrpc.PythonGolden.stream;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class OdooFaultTest {

    static XmlRpcFault fault(String xml) {
        return catchThrowableOfType(XmlRpcFault.class, () -> XmlRpcCodec.decodeResponse(stream(xml), 1 << 20));
    }

    static Stream<Arguments> odoo17Faults() {
        return Stream.of(
                Arguments.of(PythonGolden.FAULT_ACCESS_DENIED, OdooFaultKind.ACCESS_DENIED, "Access Denied"),
                Arguments.of(
                        PythonGolden.FAULT_ACCESS_ERROR,
                        OdooFaultKind.ACCESS_DENIED,
                        "You are not allowed to access 'Contact' (res.partner) records. This operation is allowed for the "
                                + "following groups: - Extra Rights/Contact Creation Contact your administrator to request "
                                + "access if necessary."),
                Arguments.of(
                        PythonGolden.FAULT_VALIDATION,
                        OdooFaultKind.VALIDATION,
                        "The operation cannot be completed: another model requires the record being deleted. If possible, "
                                + "archive it instead. Model: Journal Entry (account.move) Constraint: "
                                + "account_move_line_move_id_fkey"),
                Arguments.of(
                        PythonGolden.FAULT_MISSING_RECORD,
                        OdooFaultKind.VALIDATION,
                        "Record does not exist or has been deleted. (Record: res.partner(999,), User: 2)"),
                Arguments.of(
                        PythonGolden.FAULT_MISSING_MODEL,
                        OdooFaultKind.MISSING_MODEL,
                        "Object x_commission.line doesn't exist"),
                Arguments.of(
                        PythonGolden.FAULT_SERIALIZATION,
                        OdooFaultKind.CONCURRENCY,
                        "SerializationFailure: could not serialize access due to concurrent update"),
                Arguments.of(
                        PythonGolden.FAULT_APPLICATION,
                        OdooFaultKind.OTHER,
                        "ValueError: Invalid field 'x_rate' on model 'res.partner'"));
    }

    @ParameterizedTest
    @MethodSource("odoo17Faults")
    void classifiesAndSummarisesOdoo17Faults(String xml, OdooFaultKind kind, String summary) {
        XmlRpcFault fault = fault(xml);

        assertThat(OdooFault.classify(fault)).isEqualTo(kind);
        assertThat(OdooFault.summary(fault)).isEqualTo(summary);
    }

    @Test
    void classifiesOtherPostgresConcurrencyErrors() {
        String frames = "Traceback (most recent call last):\n  File \"/odoo/sql_db.py\", line 332, in execute\n"
                + "    res = self._obj.execute(query, params)\n";
        assertThat(
                        OdooFault.classify(
                                new XmlRpcFault(
                                        1,
                                        frames
                                                + "psycopg2.errors.LockNotAvailable: could not obtain lock on row in relation \"res_partner\"\n")))
                .isEqualTo(OdooFaultKind.CONCURRENCY);
        assertThat(OdooFault.classify(new XmlRpcFault(
                        1,
                        frames + "psycopg2.errors.DeadlockDetected: deadlock detected\n"
                                + "DETAIL:  Process 1 waits for ShareLock on transaction 2\n")))
                .isEqualTo(OdooFaultKind.CONCURRENCY);
    }

    @Test
    void concurrencyWordsInsideFramesDoNotCount() {
        String traceback = "Traceback (most recent call last):\n  File \"/odoo/x.py\", line 1, in f\n"
                + "    raise SerializationFailure('could not serialize access')\nKeyError: 'x'\n";
        assertThat(OdooFault.classify(new XmlRpcFault(1, traceback))).isEqualTo(OdooFaultKind.OTHER);
    }

    @Test
    void chainedTracebackUsesTheOutermostException() {
        String traceback = "Traceback (most recent call last):\n  File \"/odoo/a.py\", line 1, in f\n    g()\n"
                + "psycopg2.errors.UniqueViolation: duplicate key value\n\n"
                + "The above exception was the direct cause of the following exception:\n\n"
                + "Traceback (most recent call last):\n  File \"/odoo/b.py\", line 2, in h\n    raise X from e\n"
                + "odoo.exceptions.ValidationError: The operation cannot be completed: duplicate\nsecond line\n";
        XmlRpcFault fault = new XmlRpcFault(1, traceback);

        assertThat(OdooFault.summary(fault))
                .isEqualTo("ValidationError: The operation cannot be completed: duplicate second line");
        assertThat(fault)
                .hasMessage(
                        "XML-RPC fault 1: ValidationError: The operation cannot be completed: duplicate second line");
    }

    @Test
    void classifiesLegacyStringFaultCodes() {
        assertThat(OdooFault.classify(new XmlRpcFault("AccessDenied", "Access Denied")))
                .isEqualTo(OdooFaultKind.ACCESS_DENIED);
        assertThat(OdooFault.classify(new XmlRpcFault("warning -- AccessError\n\nNot allowed", "")))
                .isEqualTo(OdooFaultKind.ACCESS_DENIED);
        assertThat(OdooFault.classify(new XmlRpcFault("warning -- UserError\n\nObject x.y doesn't exist", "")))
                .isEqualTo(OdooFaultKind.MISSING_MODEL);
        XmlRpcFault userError = new XmlRpcFault("warning -- UserError\n\nName is required", "");
        assertThat(OdooFault.classify(userError)).isEqualTo(OdooFaultKind.VALIDATION);
        assertThat(OdooFault.summary(userError)).isEqualTo("Name is required");
        assertThat(OdooFault.classify(new XmlRpcFault("warning -- MissingError\n\nRecord does not exist", "")))
                .isEqualTo(OdooFaultKind.VALIDATION);
        XmlRpcFault internal = new XmlRpcFault(
                "could not serialize access due to concurrent update",
                "Traceback (most recent call last):\n  File \"x\", line 1\npsycopg2.errors.SerializationFailure: could not "
                        + "serialize access due to concurrent update\n");
        assertThat(OdooFault.classify(internal)).isEqualTo(OdooFaultKind.CONCURRENCY);
        assertThat(OdooFault.summary(internal))
                .isEqualTo("SerializationFailure: could not serialize access due to concurrent update");
        assertThat(OdooFault.summary(new XmlRpcFault("AccessDenied", "Access Denied")))
                .isEqualTo("AccessDenied: Access Denied");
    }

    @Test
    void unknownIntegerCodesAndOddTextAreOther() {
        assertThat(OdooFault.classify(new XmlRpcFault(42, "whatever"))).isEqualTo(OdooFaultKind.OTHER);
        assertThat(OdooFault.classify(new XmlRpcFault(1, ""))).isEqualTo(OdooFaultKind.OTHER);
        assertThat(OdooFault.summary(new XmlRpcFault(1, "Traceback (most recent call last):\n  File \"x\", line 1\n")))
                .isEqualTo("File \"x\", line 1");
    }

    @Test
    void summaryIsAtMost500Characters() {
        String summary = OdooFault.summary(new XmlRpcFault(2, "é".repeat(400) + "\uD83D\uDE00".repeat(300)));

        assertThat(summary)
                .hasSizeLessThanOrEqualTo(OdooFault.SUMMARY_MAX_CHARS)
                .endsWith("…");
        assertThat(Character.isHighSurrogate(summary.charAt(summary.length() - 2)))
                .isFalse();
    }
}
