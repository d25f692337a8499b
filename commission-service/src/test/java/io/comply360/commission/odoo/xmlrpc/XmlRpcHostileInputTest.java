package io.comply360.commission.odoo.xmlrpc;

import static io.comply360.commission.odoo.xmlrpc.PythonGolden.stream;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class XmlRpcHostileInputTest {

    private static final long MAX = 1 << 20;

    private static String response(String value) {
        return "<?xml version='1.0'?><methodResponse><params><param><value>" + value
                + "</value></param></params></methodResponse>";
    }

    private static void assertRefused(String xml, String messagePart) {
        assertThatThrownBy(() -> XmlRpcCodec.decodeResponse(stream(xml), MAX))
                .isInstanceOf(XmlRpcProtocolException.class)
                .hasMessageContaining(messagePart);
    }

    @Test
    void refusesBillionLaughs() {
        assertRefused("""
                <?xml version="1.0"?>
                <!DOCTYPE lolz [
                 <!ENTITY lol "lol">
                 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
                 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
                 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
                 <!ENTITY lol9 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
                ]>
                <methodResponse><params><param><value><string>&lol9;</string></value></param></params></methodResponse>
                """, "DTD");
    }

    @Test
    void refusesExternalEntity(@TempDir Path dir) throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET");
        String xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE r [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>\n"
                + response("<string>&xxe;</string>");
        assertThatThrownBy(() -> XmlRpcCodec.decodeResponse(stream(xml), MAX))
                .isInstanceOf(XmlRpcProtocolException.class)
                .hasMessageContaining("DTD")
                .message()
                .doesNotContain("TOP-SECRET");
    }

    @Test
    void refusesPlainDoctype() {
        assertRefused(
                "<?xml version=\"1.0\"?>\n<!DOCTYPE methodResponse>\n"
                        + response("<int>1</int>").substring(21),
                "DTD");
    }

    @Test
    void refusesNesting1000Deep() {
        String xml =
                response("<array><data><value>".repeat(1000) + "<int>1</int>" + "</value></data></array>".repeat(1000));
        assertRefused(xml, "nested deeper than 64");
    }

    @Test
    void refusesStructNesting65Deep() {
        String open = "<struct><member><name>k</name><value>";
        String close = "</value></member></struct>";
        assertRefused(response(open.repeat(65) + "<int>1</int>" + close.repeat(65)), "nested deeper than 64");
    }

    @Test
    void refuses20MegabytesWithLimitOf1Megabyte() {
        InputStream huge = new InputStream() {
            private final byte[] prefix =
                    "<methodResponse><params><param><value><string>".getBytes(StandardCharsets.US_ASCII);
            private long position;

            @Override
            public int read() {
                long p = position++;
                if (p < prefix.length) {
                    return prefix[(int) p];
                }
                return p < 20L * 1024 * 1024 ? 'x' : -1;
            }
        };
        assertThatThrownBy(() -> XmlRpcCodec.decodeResponse(huge, 1024 * 1024))
                .isInstanceOf(XmlRpcProtocolException.class)
                .hasMessageContaining("exceeds the limit of 1048576 bytes");
    }

    @Test
    void acceptsDocumentOfExactlyTheLimit() {
        byte[] xml = PythonGolden.AUTHENTICATE_OK_RESPONSE.getBytes(StandardCharsets.UTF_8);
        assertThat(XmlRpcCodec.decodeResponse(new ByteArrayInputStream(xml), xml.length))
                .isEqualTo(2);
        assertThatThrownBy(() -> XmlRpcCodec.decodeResponse(new ByteArrayInputStream(xml), xml.length - 1))
                .isInstanceOf(XmlRpcProtocolException.class)
                .hasMessageContaining("exceeds");
    }

    @ParameterizedTest
    @ValueSource(ints = {10, 40, 80, 120, 150})
    void refusesTruncatedDocuments(int length) {
        assertRefused(PythonGolden.VERSION_17_RESPONSE.substring(0, length), "");
    }

    @Test
    void refusesEmptyAndNonXmlInput() {
        assertRefused("", "Malformed");
        assertRefused("<html><body>502 Bad Gateway</body></html>", "Expected <methodResponse> but found <html>");
        assertRefused("{\"jsonrpc\": \"2.0\"}", "Malformed");
    }

    @Test
    void refusesBadNumbers() {
        assertRefused(response("<int>abc</int>"), "Invalid XML-RPC <int> 'abc'");
        assertRefused(response("<int>99999999999</int>"), "Invalid XML-RPC <int> '99999999999'");
        assertRefused(response("<i4>1.0</i4>"), "<i4>");
        assertRefused(response("<i8>99999999999999999999</i8>"), "<i8>");
        assertRefused(response("<int></int>"), "<int>");
        assertRefused(response("<double>1.5d</double>"), "<double>");
        assertRefused(response("<double>0x1p3</double>"), "<double>");
        assertRefused(response("<double>Infinity</double>"), "<double>");
        assertRefused(response("<boolean>true</boolean>"), "<boolean>");
        assertRefused(response("<boolean>2</boolean>"), "<boolean>");
        assertRefused(response("<base64>not base64!</base64>"), "<base64>");
    }

    @Test
    void refusesUnknownTypesAndMisplacedElements() {
        assertRefused(response("<bigdecimal>1</bigdecimal>"), "Unknown XML-RPC value type <bigdecimal>");
        assertRefused(response("<script>x</script>"), "Unknown XML-RPC value type <script>");
        assertRefused(response("<value>1</value>"), "Unknown XML-RPC value type <value>");
        assertRefused(response("<string>a<b/></string>"), "Malformed");
        assertRefused(response("<nil>x</nil>"), "<nil>");
        assertRefused(response("text<int>1</int>"), "mixes text");
        assertRefused(response("<array><value><int>1</int></value></array>"), "Expected <data>");
        assertRefused(response("<struct><member><value><int>1</int></value></member></struct>"), "Expected <name>");
        assertRefused(response("<array><data><int>1</int></data></array>"), "Expected <value>");
    }

    @Test
    void refusesTwoParamsOrNone() {
        assertRefused(
                "<methodResponse><params><param><value><int>1</int></value></param>"
                        + "<param><value><int>2</int></value></param></params></methodResponse>",
                "more than one <param>");
        assertRefused("<methodResponse><params></params></methodResponse>", "Expected <param> but found </params>");
        assertRefused("<methodResponse></methodResponse>", "Expected <params>");
    }

    @Test
    void refusesStrayTextAndTrailingContent() {
        assertRefused("<methodResponse>junk<params/></methodResponse>", "Unexpected text 'junk'");
        assertRefused(PythonGolden.AUTHENTICATE_OK_RESPONSE + "<more/>", "Malformed");
        assertRefused("<methodCall><methodName>x</methodName></methodCall>", "Expected <methodResponse>");
    }

    @Test
    void refusesMalformedFaults() {
        assertRefused("<methodResponse><fault><value><int>1</int></value></fault></methodResponse>", "faultCode");
        assertRefused(
                "<methodResponse><fault><value><struct><member><name>faultCode</name><value><double>1</double>"
                        + "</value></member><member><name>faultString</name><value>x</value></member></struct></value></fault>"
                        + "</methodResponse>",
                "faultCode");
    }

    @Test
    void refusesBadCalls() {
        assertThatThrownBy(() ->
                        XmlRpcCodec.decodeCall(stream("<methodCall><methodName> </methodName></methodCall>"), MAX))
                .isInstanceOf(XmlRpcProtocolException.class)
                .hasMessageContaining("empty <methodName>");
        assertThatThrownBy(() -> XmlRpcCodec.decodeCall(stream(PythonGolden.AUTHENTICATE_OK_RESPONSE), MAX))
                .isInstanceOf(XmlRpcProtocolException.class)
                .hasMessageContaining("Expected <methodCall>");
    }

    @Test
    void refusesNonPositiveLimit() {
        assertThatThrownBy(() -> XmlRpcCodec.decodeResponse(stream(PythonGolden.AUTHENTICATE_OK_RESPONSE), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
