package io.comply360.commission.odoo.xmlrpc;

import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * XML-RPC encoder and hardened decoder, written for Odoo's {@code /xmlrpc/2/} endpoints and checked against
 * Python's {@code xmlrpc.client} (which is what Odoo uses on both sides of the wire).
 *
 * <h2>Java to XML-RPC ({@code encode*})</h2>
 * Integer/Short/Byte and Long within the int range: {@code <int>} (Python, and therefore Odoo, cannot
 * send or receive wider ints, and Odoo ids are 32-bit; a wider Long is refused). Boolean: {@code <boolean>1|0}.
 * String: {@code <string>}, escaped; characters XML 1.0 cannot carry (C0 controls except tab, LF, CR;
 * U+FFFE, U+FFFF; unpaired surrogates) are refused, CR is written as {@code &#13;} so that XML line-end
 * normalisation does not turn it into LF. BigDecimal ({@code toPlainString}) and finite Double (plain
 * notation): {@code <double>}; Odoo monetary fields are Python floats. {@code null}: {@code <nil/>}
 * (Python's parser always accepts it, whatever {@code allow_none} says). Collection or Object[]: {@code
 * <array>}. Map with String keys: {@code <struct>}, iteration order kept. byte[]: {@code <base64>}.
 * LocalDate: {@code <string>YYYY-MM-DD</string>}, because Odoo's ORM takes dates as strings (its parser
 * would turn a {@code dateTime.iso8601} into an {@code xmlrpc.client.DateTime} the ORM does not accept).
 * Anything else, NaN/infinite doubles and nesting deeper than {@value #MAX_DEPTH}: IllegalArgumentException.
 * The output is laid out exactly like Python's {@code xmlrpc.client.dumps}, so it can be compared byte for byte.
 *
 * <h2>XML-RPC to Java ({@code decode*})</h2>
 * int/i4: Integer; i8: Long; boolean: Boolean; string and untyped {@code <value>text</value>}: String with
 * whitespace preserved ({@code <value/>} is ""); double: Double; dateTime.iso8601: the String as sent
 * (Odoo sends dates and datetimes as {@code <string>} anyway, {@code "2024-01-31"} and
 * {@code "2024-01-31 13:45:00"}); base64: byte[]; nil: null; array: ArrayList; struct: LinkedHashMap in
 * member order. Odoo quirks worth knowing when reading results: empty fields come back as {@code false},
 * many2one fields as {@code [id, "display name"]}, and Odoo refuses to return {@code None}
 * ({@code allow_none=False}), so a method returning None becomes a fault.
 *
 * <p>The decoder refuses DTDs (and so entity-expansion and external-entity attacks), nesting deeper than
 * {@value #MAX_DEPTH} arrays/structs, input longer than {@code maxBytes}, malformed or truncated XML,
 * unknown elements, stray text and numbers that do not fit their type, all with {@link
 * XmlRpcProtocolException}. It uses the JDK's built-in StAX implementation ({@link
 * XMLInputFactory#newDefaultFactory()}) and no reflection, so it behaves the same in a GraalVM native image
 * and is not affected by other StAX providers on the classpath.
 */
public final class XmlRpcCodec {

    /** Maximum nesting of arrays and structs, in both directions. */
    public static final int MAX_DEPTH = 64;

    private static final String XML_DECLARATION = "<?xml version='1.0'?>\n";
    private static final int SNIPPET_CHARS = 40;
    private static final Pattern DOUBLE = Pattern.compile("[+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    /** A decoded {@code <methodCall>}; {@code params} is unmodifiable and may contain nulls. */
    public record Call(String methodName, List<Object> params) {
        public Call {
            Objects.requireNonNull(methodName, "methodName");
            params = Collections.unmodifiableList(new ArrayList<>(params));
        }
    }

    private XmlRpcCodec() {}

    // ------------------------------------------------------------------------------------------- encoding

    /** Encodes a {@code <methodCall>} as UTF-8. */
    public static byte[] encodeCall(String methodName, List<?> params) {
        Objects.requireNonNull(params, "params");
        if (methodName == null || methodName.isEmpty()) {
            throw new IllegalArgumentException("XML-RPC method name must not be empty");
        }
        StringBuilder out = new StringBuilder(256).append(XML_DECLARATION).append("<methodCall>\n<methodName>");
        appendEscaped(out, methodName);
        out.append("</methodName>\n<params>\n");
        for (Object param : params) {
            out.append("<param>\n");
            appendValue(out, param, 0);
            out.append("</param>\n");
        }
        return out.append("</params>\n</methodCall>\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Encodes a successful {@code <methodResponse>} carrying {@code value}, as UTF-8. */
    public static byte[] encodeResponse(Object value) {
        StringBuilder out =
                new StringBuilder(256).append(XML_DECLARATION).append("<methodResponse>\n<params>\n<param>\n");
        appendValue(out, value, 0);
        return out.append("</param>\n</params>\n</methodResponse>\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Encodes a fault {@code <methodResponse>}; {@code faultCode} is an Integer or a String. */
    public static byte[] encodeFault(Object faultCode, String faultString) {
        if (!(faultCode instanceof Integer || faultCode instanceof String)) {
            throw new IllegalArgumentException("faultCode must be an Integer or a String");
        }
        Map<String, Object> fault = new LinkedHashMap<>();
        fault.put("faultCode", faultCode);
        fault.put("faultString", Objects.requireNonNull(faultString, "faultString"));
        StringBuilder out = new StringBuilder(256).append(XML_DECLARATION).append("<methodResponse>\n<fault>\n");
        appendValue(out, fault, 0);
        return out.append("</fault>\n</methodResponse>\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void appendValue(StringBuilder out, Object value, int depth) {
        if (value == null) {
            out.append("<value><nil/></value>");
        } else if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            appendScalar(out, "int", value.toString());
        } else if (value instanceof Long longValue) {
            if (longValue < Integer.MIN_VALUE || longValue > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("Long " + longValue + " does not fit an XML-RPC <int> (32-bit)");
            }
            appendScalar(out, "int", value.toString());
        } else if (value instanceof Boolean bool) {
            appendScalar(out, "boolean", bool ? "1" : "0");
        } else if (value instanceof String string) {
            out.append("<value><string>");
            appendEscaped(out, string);
            out.append("</string></value>\n");
        } else if (value instanceof BigDecimal decimal) {
            appendScalar(out, "double", decimal.toPlainString());
        } else if (value instanceof Double number) {
            if (number.isNaN() || number.isInfinite()) {
                throw new IllegalArgumentException("XML-RPC cannot carry the double " + number);
            }
            appendScalar(out, "double", BigDecimal.valueOf(number).toPlainString());
        } else if (value instanceof LocalDate date) {
            appendScalar(out, "string", date.toString());
        } else if (value instanceof byte[] bytes) {
            out.append("<value><base64>\n");
            if (bytes.length > 0) {
                out.append(Base64.getMimeEncoder(76, new byte[] {'\n'}).encodeToString(bytes))
                        .append('\n');
            }
            out.append("</base64></value>\n");
        } else if (value instanceof Collection<?> collection) {
            appendArray(out, collection, depth);
        } else if (value instanceof Object[] array) {
            appendArray(out, Arrays.asList(array), depth);
        } else if (value instanceof Map<?, ?> map) {
            appendStruct(out, map, depth);
        } else {
            throw new IllegalArgumentException(
                    "Cannot encode a " + value.getClass().getName() + " as XML-RPC");
        }
    }

    private static void appendScalar(StringBuilder out, String type, String text) {
        out.append("<value><")
                .append(type)
                .append('>')
                .append(text)
                .append("</")
                .append(type)
                .append("></value>\n");
    }

    private static void appendArray(StringBuilder out, Collection<?> items, int depth) {
        checkEncodeDepth(depth);
        out.append("<value><array><data>\n");
        for (Object item : items) {
            appendValue(out, item, depth + 1);
        }
        out.append("</data></array></value>\n");
    }

    private static void appendStruct(StringBuilder out, Map<?, ?> map, int depth) {
        checkEncodeDepth(depth);
        out.append("<value><struct>\n");
        for (Map.Entry<?, ?> member : map.entrySet()) {
            if (!(member.getKey() instanceof String name)) {
                throw new IllegalArgumentException("XML-RPC struct member names must be Strings, got "
                        + (member.getKey() == null
                                ? "null"
                                : member.getKey().getClass().getName()));
            }
            out.append("<member>\n<name>");
            appendEscaped(out, name);
            out.append("</name>\n");
            appendValue(out, member.getValue(), depth + 1);
            out.append("</member>\n");
        }
        out.append("</struct></value>\n");
    }

    private static void checkEncodeDepth(int depth) {
        if (depth >= MAX_DEPTH) {
            throw new IllegalArgumentException("Arrays/structs nested deeper than " + MAX_DEPTH + " (cyclic value?)");
        }
    }

    /** Escapes {@code &}, {@code <}, {@code >} like Python, plus CR; refuses what XML 1.0 cannot carry. */
    private static void appendEscaped(StringBuilder out, String text) {
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            switch (cp) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '\r' -> out.append("&#13;");
                default -> {
                    if (!isXmlChar(cp)) {
                        throw new IllegalArgumentException(String.format(
                                "String contains U+%04X at index %d, which XML 1.0 (and so XML-RPC) cannot carry",
                                cp, i));
                    }
                    out.appendCodePoint(cp);
                }
            }
            i += Character.charCount(cp);
        }
    }

    /** XML 1.0 {@code Char} production; lone surrogates fall outside it. */
    private static boolean isXmlChar(int cp) {
        return cp == 0x9
                || cp == 0xA
                || cp == 0xD
                || (cp >= 0x20 && cp <= 0xD7FF)
                || (cp >= 0xE000 && cp <= 0xFFFD)
                || (cp >= 0x10000 && cp <= 0x10FFFF);
    }

    // ------------------------------------------------------------------------------------------- decoding

    /**
     * Decodes a {@code <methodResponse>} of at most {@code maxBytes} bytes and returns its single value.
     *
     * @throws XmlRpcFault if the response is a {@code <fault>}
     * @throws XmlRpcProtocolException if the input is not an acceptable XML-RPC response
     */
    public static Object decodeResponse(InputStream in, long maxBytes) {
        return parse(in, maxBytes, Parser::readResponse);
    }

    /**
     * Decodes a {@code <methodCall>} of at most {@code maxBytes} bytes (used by test fakes of Odoo).
     *
     * @throws XmlRpcProtocolException if the input is not an acceptable XML-RPC call
     */
    public static Call decodeCall(InputStream in, long maxBytes) {
        return parse(in, maxBytes, Parser::readCall);
    }

    @FunctionalInterface
    private interface Document<T> {
        T read(Parser parser) throws XMLStreamException;
    }

    private static <T> T parse(InputStream in, long maxBytes, Document<T> document) {
        Objects.requireNonNull(in, "in");
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive");
        }
        BoundedInputStream bounded = new BoundedInputStream(in, maxBytes);
        XMLStreamReader reader = null;
        try {
            reader = newInputFactory().createXMLStreamReader(bounded);
            return document.read(new Parser(reader));
        } catch (XmlRpcProtocolException | XmlRpcFault e) {
            throw e;
        } catch (XMLStreamException | RuntimeException e) {
            // RuntimeException: the JDK parser reports some broken input unchecked; none may leak.
            if (bounded.exceeded()) {
                throw new XmlRpcProtocolException(
                        "XML-RPC document exceeds the limit of " + bounded.maxBytes() + " bytes", e);
            }
            throw new XmlRpcProtocolException(
                    "Malformed XML-RPC document: " + snippet(String.valueOf(e.getMessage()), 300), e);
        } finally {
            closeQuietly(reader);
        }
    }

    private static XMLInputFactory newInputFactory() {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        return factory;
    }

    private static void closeQuietly(XMLStreamReader reader) {
        if (reader != null) {
            try {
                reader.close();
            } catch (XMLStreamException ignored) {
                // Nothing was written and the underlying stream is not ours to close.
            }
        }
    }

    private static String snippet(String text, int max) {
        String oneLine = WHITESPACE.matcher(text).replaceAll(" ").strip();
        return oneLine.length() <= max ? oneLine : oneLine.substring(0, max) + "…";
    }

    /** Recursive-descent reader over StAX events; one instance per document. */
    private static final class Parser {

        private final XMLStreamReader reader;
        private int depth;

        Parser(XMLStreamReader reader) {
            this.reader = reader;
        }

        Object readResponse() throws XMLStreamException {
            expectStart("methodResponse");
            int event = nextTag();
            if (event == XMLStreamConstants.START_ELEMENT
                    && reader.getLocalName().equals("fault")) {
                expectStart("value");
                Object fault = readValue();
                expectEnd("fault");
                expectEnd("methodResponse");
                expectEndOfDocument();
                throw toFault(fault);
            }
            requireStart(event, "params");
            expectStart("param");
            expectStart("value");
            Object result = readValue();
            expectEnd("param");
            event = nextTag();
            if (event == XMLStreamConstants.START_ELEMENT
                    && reader.getLocalName().equals("param")) {
                throw new XmlRpcProtocolException("XML-RPC response has more than one <param>");
            }
            requireEnd(event, "params");
            expectEnd("methodResponse");
            expectEndOfDocument();
            return result;
        }

        Call readCall() throws XMLStreamException {
            expectStart("methodCall");
            expectStart("methodName");
            String methodName = reader.getElementText().strip();
            if (methodName.isEmpty()) {
                throw new XmlRpcProtocolException("XML-RPC call has an empty <methodName>");
            }
            List<Object> params = new ArrayList<>();
            int event = nextTag();
            if (event == XMLStreamConstants.START_ELEMENT) {
                requireStart(event, "params");
                while ((event = nextTag()) == XMLStreamConstants.START_ELEMENT) {
                    requireStart(event, "param");
                    expectStart("value");
                    params.add(readValue());
                    expectEnd("param");
                }
                requireEnd(event, "params");
                event = nextTag();
            }
            requireEnd(event, "methodCall");
            expectEndOfDocument();
            return new Call(methodName, params);
        }

        /** Reads the content of a {@code <value>} whose start tag has just been consumed, through its end tag. */
        private Object readValue() throws XMLStreamException {
            StringBuilder untyped = new StringBuilder();
            while (true) {
                int event = reader.next();
                switch (event) {
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE ->
                        untyped.append(reader.getText());
                    case XMLStreamConstants.COMMENT, XMLStreamConstants.PROCESSING_INSTRUCTION -> {
                        // ignorable
                    }
                    case XMLStreamConstants.END_ELEMENT -> {
                        return untyped.toString();
                    }
                    case XMLStreamConstants.START_ELEMENT -> {
                        if (!untyped.toString().isBlank()) {
                            throw new XmlRpcProtocolException("<value> mixes text and a typed element");
                        }
                        Object typed = readTyped(reader.getLocalName());
                        expectEnd("value");
                        return typed;
                    }
                    default -> throw unexpected(event);
                }
            }
        }

        /** Reads a typed element whose start tag has just been consumed, through its end tag. */
        private Object readTyped(String type) throws XMLStreamException {
            switch (type) {
                case "int", "i4":
                    return parseInt(type, reader.getElementText().strip());
                case "i8":
                    return parseLong(reader.getElementText().strip());
                case "boolean":
                    return parseBoolean(reader.getElementText().strip());
                case "string", "dateTime.iso8601":
                    return reader.getElementText();
                case "double":
                    return parseDouble(reader.getElementText().strip());
                case "base64":
                    return parseBase64(reader.getElementText());
                case "nil":
                    if (!reader.getElementText().isBlank()) {
                        throw new XmlRpcProtocolException("<nil> must be empty");
                    }
                    return null;
                case "array":
                    return readArray();
                case "struct":
                    return readStruct();
                default:
                    throw new XmlRpcProtocolException(
                            "Unknown XML-RPC value type <" + snippet(type, SNIPPET_CHARS) + ">");
            }
        }

        private List<Object> readArray() throws XMLStreamException {
            enterContainer();
            List<Object> items = new ArrayList<>();
            expectStart("data");
            int event;
            while ((event = nextTag()) == XMLStreamConstants.START_ELEMENT) {
                requireStart(event, "value");
                items.add(readValue());
            }
            requireEnd(event, "data");
            expectEnd("array");
            depth--;
            return items;
        }

        private Map<String, Object> readStruct() throws XMLStreamException {
            enterContainer();
            Map<String, Object> members = new LinkedHashMap<>();
            int event;
            while ((event = nextTag()) == XMLStreamConstants.START_ELEMENT) {
                requireStart(event, "member");
                expectStart("name");
                String name = reader.getElementText();
                expectStart("value");
                members.put(name, readValue());
                expectEnd("member");
            }
            requireEnd(event, "struct");
            depth--;
            return members;
        }

        private void enterContainer() {
            if (++depth > MAX_DEPTH) {
                throw new XmlRpcProtocolException("XML-RPC arrays/structs nested deeper than " + MAX_DEPTH);
            }
        }

        private static XmlRpcFault toFault(Object fault) {
            if (fault instanceof Map<?, ?> struct
                    && (struct.get("faultCode") instanceof Integer || struct.get("faultCode") instanceof String)
                    && struct.get("faultString") instanceof String faultString) {
                return new XmlRpcFault(struct.get("faultCode"), faultString);
            }
            throw new XmlRpcProtocolException("XML-RPC <fault> is not a struct with faultCode and faultString");
        }

        /** Next start or end tag; skips comments, processing instructions and whitespace, refuses the rest. */
        private int nextTag() throws XMLStreamException {
            while (true) {
                int event = reader.next();
                switch (event) {
                    case XMLStreamConstants.START_ELEMENT, XMLStreamConstants.END_ELEMENT -> {
                        return event;
                    }
                    case XMLStreamConstants.COMMENT,
                            XMLStreamConstants.PROCESSING_INSTRUCTION,
                            XMLStreamConstants.SPACE -> {
                        // ignorable
                    }
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> {
                        if (!reader.getText().isBlank()) {
                            throw new XmlRpcProtocolException("Unexpected text '"
                                    + snippet(reader.getText(), SNIPPET_CHARS) + "' in XML-RPC document");
                        }
                    }
                    default -> throw unexpected(event);
                }
            }
        }

        private void expectStart(String name) throws XMLStreamException {
            requireStart(nextTag(), name);
        }

        private void expectEnd(String name) throws XMLStreamException {
            requireEnd(nextTag(), name);
        }

        private void requireStart(int event, String name) {
            if (event != XMLStreamConstants.START_ELEMENT
                    || !reader.getLocalName().equals(name)) {
                throw new XmlRpcProtocolException("Expected <" + name + "> but found " + describe(event));
            }
        }

        private void requireEnd(int event, String name) {
            if (event != XMLStreamConstants.END_ELEMENT
                    || !reader.getLocalName().equals(name)) {
                throw new XmlRpcProtocolException("Expected </" + name + "> but found " + describe(event));
            }
        }

        private void expectEndOfDocument() throws XMLStreamException {
            while (true) {
                int event = reader.next();
                switch (event) {
                    case XMLStreamConstants.END_DOCUMENT -> {
                        return;
                    }
                    case XMLStreamConstants.COMMENT,
                            XMLStreamConstants.PROCESSING_INSTRUCTION,
                            XMLStreamConstants.SPACE -> {
                        // ignorable
                    }
                    default -> {
                        if (!(event == XMLStreamConstants.CHARACTERS
                                && reader.getText().isBlank())) {
                            throw unexpected(event);
                        }
                    }
                }
            }
        }

        private XmlRpcProtocolException unexpected(int event) {
            return switch (event) {
                case XMLStreamConstants.DTD -> new XmlRpcProtocolException("DTDs are not allowed in XML-RPC documents");
                case XMLStreamConstants.ENTITY_REFERENCE ->
                    new XmlRpcProtocolException("Entity references are not allowed in XML-RPC documents");
                case XMLStreamConstants.END_DOCUMENT ->
                    new XmlRpcProtocolException("XML-RPC document ends prematurely");
                default -> new XmlRpcProtocolException("Unexpected " + describe(event) + " in XML-RPC document");
            };
        }

        private String describe(int event) {
            return switch (event) {
                case XMLStreamConstants.START_ELEMENT -> "<" + snippet(reader.getLocalName(), SNIPPET_CHARS) + ">";
                case XMLStreamConstants.END_ELEMENT -> "</" + snippet(reader.getLocalName(), SNIPPET_CHARS) + ">";
                case XMLStreamConstants.END_DOCUMENT -> "end of document";
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> "text";
                default -> "XML event " + event;
            };
        }

        private static Integer parseInt(String type, String text) {
            try {
                return Integer.valueOf(text);
            } catch (NumberFormatException e) {
                throw new XmlRpcProtocolException(
                        "Invalid XML-RPC <" + type + "> '" + snippet(text, SNIPPET_CHARS)
                                + "' (must be a 32-bit integer)",
                        e);
            }
        }

        private static Long parseLong(String text) {
            try {
                return Long.valueOf(text);
            } catch (NumberFormatException e) {
                throw new XmlRpcProtocolException("Invalid XML-RPC <i8> '" + snippet(text, SNIPPET_CHARS) + "'", e);
            }
        }

        private static Boolean parseBoolean(String text) {
            return switch (text) {
                case "1" -> Boolean.TRUE;
                case "0" -> Boolean.FALSE;
                default ->
                    throw new XmlRpcProtocolException(
                            "Invalid XML-RPC <boolean> '" + snippet(text, SNIPPET_CHARS) + "' (must be 0 or 1)");
            };
        }

        /** Decimal notation, plus Python's {@code repr} of non-finite floats ({@code inf}, {@code -inf}, {@code nan}). */
        private static Double parseDouble(String text) {
            switch (text) {
                case "inf", "+inf":
                    return Double.POSITIVE_INFINITY;
                case "-inf":
                    return Double.NEGATIVE_INFINITY;
                case "nan":
                    return Double.NaN;
                default:
                    if (!DOUBLE.matcher(text).matches()) {
                        throw new XmlRpcProtocolException(
                                "Invalid XML-RPC <double> '" + snippet(text, SNIPPET_CHARS) + "'");
                    }
                    return Double.valueOf(text);
            }
        }

        private static byte[] parseBase64(String text) {
            try {
                return Base64.getDecoder().decode(WHITESPACE.matcher(text).replaceAll(""));
            } catch (IllegalArgumentException e) {
                throw new XmlRpcProtocolException("Invalid XML-RPC <base64>: " + e.getMessage(), e);
            }
        }
    }
}
