package io.comply360.commission.odoo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Byte-for-byte comparison of the fake's writer with real CPython output. The expected files under
 * {@code src/test/resources/python-dumps/} were produced by {@code py/gen_fixtures.py} with python3's
 * {@code xmlrpc.client} patched with Odoo 17's OdooMarshaller string handling, exactly as rpc.py marshals.
 */
class PyXmlRpcTest {

    private static String fixture(String name) throws IOException {
        try (InputStream in = PyXmlRpcTest.class.getResourceAsStream("/python-dumps/" + name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void versionReplyIsByteIdenticalToPython() throws IOException {
        Object v = map(
                "server_version",
                "17.0",
                "server_version_info",
                List.of(17, 0, 0, "final", 0, ""),
                "server_serie",
                "17.0",
                "protocol_version",
                1);
        assertThat(PyXmlRpc.dumpsResponse(v, false)).isEqualTo(fixture("version.xml"));
    }

    @Test
    void searchReadReplyWithEscapingUnicodeAndControlCharactersIsByteIdentical() throws IOException {
        Object row = map(
                "id",
                1,
                "name",
                "Acme & <Co> \"quoted\" 'single'",
                "email",
                false,
                "customer_rank",
                0,
                "amount_total",
                1450.5,
                "invoice_line_ids",
                List.of(1, 2),
                "partner_id",
                List.of(7, "Zoë – Agency ✓"),
                "is_company",
                true,
                "invoice_date",
                "2026-11-30",
                "create_date",
                "2026-12-03 21:53:37",
                "notes",
                "tab\tnl\ncr\n bell\u0007 nul\u0000 esc\u001b",
                "empty_list",
                List.of(),
                "empty_dict",
                Map.of(),
                "negative",
                -42,
                "max_int",
                Integer.MAX_VALUE);
        assertThat(PyXmlRpc.dumpsResponse(List.of(row), false)).isEqualTo(fixture("search_read.xml"));
    }

    @Test
    void doublesUsePythonReprFormatting() throws IOException {
        List<Object> floats = new ArrayList<>(Arrays.asList(
                0.1,
                100.0,
                1234567890123456.0,
                1e16,
                1e-05,
                0.0001,
                -0.0,
                1.0 / 3,
                2.5e-07,
                1e22,
                5e-324,
                9007199254740993.0,
                123456.789,
                1.7976931348623157e308));
        assertThat(PyXmlRpc.dumpsResponse(floats, false)).isEqualTo(fixture("floats.xml"));
    }

    @Test
    void scalarsAndNil() throws IOException {
        assertThat(PyXmlRpc.dumpsResponse(false, false)).isEqualTo(fixture("false.xml"));
        assertThat(PyXmlRpc.dumpsResponse(true, false)).isEqualTo(fixture("true.xml"));
        assertThat(PyXmlRpc.dumpsResponse(3, false)).isEqualTo(fixture("int.xml"));
        assertThat(PyXmlRpc.dumpsResponse(Arrays.asList(null, 1), true)).isEqualTo(fixture("nil_allowed.xml"));
    }

    @Test
    void faultsAreByteIdentical() throws IOException {
        assertThat(PyXmlRpc.dumpsFault(
                        2,
                        "The operation cannot be completed:\n- Create/update: a mandatory field is"
                                + " not set.\n- Delete: another model requires the record being deleted. If possible, archive it"
                                + " instead.\n\nModel: Lead/Opportunity (crm.lead)\nField: Opportunity (name)\n"))
                .isEqualTo(fixture("fault_user_error.xml"));
        assertThat(PyXmlRpc.dumpsFault(3, "Access Denied")).isEqualTo(fixture("fault_access_denied.xml"));
        assertThat(PyXmlRpc.dumpsFault(
                        1,
                        "Traceback (most recent call last):\n  File \"x.py\", line 1, in f\n"
                                + "    g()\nValueError: Wrong value for account.move.move_type: 'x' <&>\n"))
                .isEqualTo(fixture("fault_traceback.xml"));
    }

    @Test
    void unmarshallableValuesFailWithPythonsMessages() throws IOException {
        assertThatThrownBy(() -> PyXmlRpc.dumpsResponse(null, false))
                .isInstanceOf(PyXmlRpc.MarshalError.class)
                .hasMessage(fixture("none.txt"));
        assertThatThrownBy(() -> PyXmlRpc.dumpsResponse(2147483648L, false)).hasMessage(fixture("overflow.txt"));
    }

    @Test
    void parserAcceptsWhatCPythonSendsAndRefusesDoctypes() {
        String call = PyXmlRpc.dumpsCall(
                "execute_kw",
                List.of(
                        "db",
                        2,
                        "k",
                        "res.partner",
                        "search",
                        List.of(List.of(List.of("name", "ilike", "a & b"))),
                        map("limit", 5, "x", 1.5, "n", false)));
        PyXmlRpc.Call c = PyXmlRpc.parseCall(call.getBytes(StandardCharsets.UTF_8));
        assertThat(c.methodName()).isEqualTo("execute_kw");
        assertThat(c.params())
                .containsExactly(
                        "db",
                        2,
                        "k",
                        "res.partner",
                        "search",
                        List.of(List.of(List.of("name", "ilike", "a & b"))),
                        map("limit", 5, "x", 1.5, "n", false));

        String apacheStyle = "<?xml version=\"1.0\"?><methodCall><methodName>m</methodName><params>"
                + "<param><value><i4>7</i4></value></param><param><value>bare</value></param>"
                + "<param><value><ex:nil xmlns:ex=\"http://ws.apache.org/xmlrpc/namespaces/extensions\"/></value>"
                + "</param></params></methodCall>";
        assertThat(PyXmlRpc.parseCall(apacheStyle.getBytes(StandardCharsets.UTF_8))
                        .params())
                .containsExactly(7, "bare", null);

        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                + "<methodCall><methodName>&e;</methodName></methodCall>";
        assertThatThrownBy(() -> PyXmlRpc.parseCall(xxe.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("DOCTYPE");
    }
}
