package io.comply360.commission.odoo;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * XML-RPC wire format of the fake, written independently of the product's codec.
 *
 * <p><b>Writing</b> reproduces, byte for byte, CPython 3's {@code xmlrpc.client.dumps(...)} as Odoo 17 calls it:
 * {@code dumps((result,), methodresponse=1, allow_none=False)} for results and {@code dumps(fault, allow_none=None)}
 * for faults, through Odoo's {@code OdooMarshaller} (monkey-patched in as {@code xmlrpc.client.Marshaller}), which
 * additionally strips the control characters 0-31 except TAB, LF, CR from every string. Layout rules copied from
 * CPython's {@code Marshaller}: header {@code <?xml version='1.0'?>} (single quotes, no encoding attribute), one
 * newline after most tags, {@code <nil/>} without a trailing newline, strings escaped for {@code & < >} only, doubles as
 * Python {@code repr(float)}, ints limited to 32 bits ({@code OverflowError: int exceeds XML-RPC limits}).
 * {@code PyXmlRpcTest} compares the output against real python3 output.
 *
 * <p><b>Parsing</b> uses the JDK DOM parser with DTDs disallowed. It accepts what CPython's {@code Unmarshaller} accepts
 * (namespace prefixes such as {@code ex:nil} are reduced to their local name, like CPython does): int/i1/i2/i4/i8/
 * biginteger, boolean, string or bare text, double/float/bigdecimal, nil, array, struct, base64 (decoded to a UTF-8
 * String - simplification), dateTime.iso8601 (kept as its raw text - simplification).
 */
final class PyXmlRpc {

    private PyXmlRpc() {}

    /** Marker for "the value could not be marshalled"; carries the Python exception line. */
    static final class MarshalError extends RuntimeException {
        final String pythonExceptionLine;

        MarshalError(String pythonExceptionLine) {
            super(pythonExceptionLine);
            this.pythonExceptionLine = pythonExceptionLine;
        }
    }

    /** A parsed {@code <methodCall>}. */
    record Call(String methodName, List<Object> params) {}

    static final String XML_HEADER = "<?xml version='1.0'?>\n";

    // ------------------------------------------------------------------ writing

    /** {@code xmlrpc.client.dumps((value,), methodresponse=True, allow_none=allowNone)} through OdooMarshaller. */
    static String dumpsResponse(Object value, boolean allowNone) {
        StringBuilder out = new StringBuilder(256);
        out.append(XML_HEADER).append("<methodResponse>\n");
        out.append("<params>\n<param>\n");
        new Marshaller(allowNone).dump(value, out);
        out.append("</param>\n</params>\n");
        out.append("</methodResponse>\n");
        return out.toString();
    }

    /** {@code xmlrpc.client.dumps(xmlrpc.client.Fault(code, string))} through OdooMarshaller. */
    static String dumpsFault(int faultCode, String faultString) {
        StringBuilder out = new StringBuilder(256);
        out.append(XML_HEADER).append("<methodResponse>\n");
        out.append("<fault>\n");
        Map<String, Object> fault = new LinkedHashMap<>();
        fault.put("faultCode", faultCode);
        fault.put("faultString", faultString);
        new Marshaller(false).dump(fault, out);
        out.append("</fault>\n");
        out.append("</methodResponse>\n");
        return out.toString();
    }

    /** {@code xmlrpc.client.dumps(params, methodname)} - used by the tests' raw client. */
    static String dumpsCall(String methodName, List<?> params) {
        StringBuilder out = new StringBuilder(256);
        out.append(XML_HEADER)
                .append("<methodCall>\n<methodName>")
                .append(escape(methodName))
                .append("</methodName>\n<params>\n");
        Marshaller m = new Marshaller(true);
        for (Object p : params) {
            out.append("<param>\n");
            m.dump(p, out);
            out.append("</param>\n");
        }
        out.append("</params>\n</methodCall>\n");
        return out.toString();
    }

    private static final class Marshaller {
        private final boolean allowNone;
        private final IdentityHashMap<Object, Boolean> memo = new IdentityHashMap<>();

        Marshaller(boolean allowNone) {
            this.allowNone = allowNone;
        }

        void dump(Object value, StringBuilder w) {
            if (value == null) {
                if (!allowNone) {
                    throw new MarshalError("TypeError: cannot marshal None unless allow_none is enabled");
                }
                w.append("<value><nil/></value>");
            } else if (value instanceof Boolean b) {
                w.append("<value><boolean>").append(b ? "1" : "0").append("</boolean></value>\n");
            } else if (value instanceof Integer
                    || value instanceof Long
                    || value instanceof Short
                    || value instanceof java.math.BigInteger) {
                java.math.BigInteger v = new java.math.BigInteger(value.toString());
                if (v.bitLength() > 31) {
                    throw new MarshalError("OverflowError: int exceeds XML-RPC limits");
                }
                w.append("<value><int>").append(v).append("</int></value>\n");
            } else if (value instanceof Double || value instanceof Float) {
                w.append("<value><double>")
                        .append(pyFloatRepr(((Number) value).doubleValue()))
                        .append("</double></value>\n");
            } else if (value instanceof BigDecimal d) {
                w.append("<value><double>").append(pyFloatRepr(d.doubleValue())).append("</double></value>\n");
            } else if (value instanceof CharSequence s) {
                // OdooMarshaller.dump_unicode: value.translate(CONTROL_CHARACTERS) then escape
                w.append("<value><string>")
                        .append(escape(stripControl(s.toString())))
                        .append("</string></value>\n");
            } else if (value instanceof byte[] bytes) {
                // OdooMarshaller.dump_bytes: bytes are sent as a (decoded) string, never <base64>
                w.append("<value><string>")
                        .append(escape(stripControl(new String(bytes, StandardCharsets.UTF_8))))
                        .append("</string></value>\n");
            } else if (value instanceof Map<?, ?> map) {
                enter(value, "cannot marshal recursive dictionaries");
                w.append("<value><struct>\n");
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    w.append("<member>\n");
                    if (!(e.getKey() instanceof String)) {
                        throw new MarshalError("TypeError: dictionary key must be string");
                    }
                    w.append("<name>").append(escape((String) e.getKey())).append("</name>\n");
                    dump(e.getValue(), w);
                    w.append("</member>\n");
                }
                w.append("</struct></value>\n");
                memo.remove(value);
            } else if (value instanceof List<?> || value instanceof Object[]) {
                List<?> list = value instanceof List<?> l ? l : java.util.Arrays.asList((Object[]) value);
                enter(value, "cannot marshal recursive sequences");
                w.append("<value><array><data>\n");
                for (Object v : list) {
                    dump(v, w);
                }
                w.append("</data></array></value>\n");
                memo.remove(value);
            } else {
                throw new MarshalError(
                        "TypeError: cannot marshal <class '" + value.getClass().getSimpleName() + "'> objects");
            }
        }

        private void enter(Object value, String message) {
            if (memo.put(value, Boolean.TRUE) != null) {
                throw new MarshalError("TypeError: " + message);
            }
        }
    }

    /** {@code xmlrpc.client.escape}: only &amp;, &lt; and &gt; are replaced. */
    static String escape(String s) {
        if (s.indexOf('&') < 0 && s.indexOf('<') < 0 && s.indexOf('>') < 0) {
            return s;
        }
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** Odoo 17 {@code CONTROL_CHARACTERS = dict.fromkeys(set(range(32)) - {9, 10, 13})}. */
    static String stripControl(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean drop = c < 32 && c != 9 && c != 10 && c != 13;
            if (drop && b == null) {
                b = new StringBuilder(s.length());
                b.append(s, 0, i);
            } else if (!drop && b != null) {
                b.append(c);
            }
        }
        return b == null ? s : b.toString();
    }

    /**
     * Python's {@code repr(float)}: the shortest decimal string that round-trips, positional notation when the decimal
     * exponent is in [-4, 16), otherwise {@code d.ddde+XX}.
     */
    static String pyFloatRepr(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0.0) {
            return (1.0 / d < 0) ? "-0.0" : "0.0";
        }
        BigDecimal exact = new BigDecimal(Math.abs(d));
        BigDecimal shortest = null;
        for (int p = 1; p <= 17; p++) {
            BigDecimal r = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
            if (r.doubleValue() == Math.abs(d)) {
                shortest = r;
                break;
            }
        }
        if (shortest == null) {
            shortest = exact.round(new MathContext(17, RoundingMode.HALF_EVEN));
        }
        shortest = shortest.stripTrailingZeros();
        String digits = shortest.unscaledValue().toString();
        int decpt = digits.length() - shortest.scale(); // value = 0.DIGITS * 10^decpt
        StringBuilder out = new StringBuilder();
        if (d < 0) {
            out.append('-');
        }
        if (decpt <= -4 || decpt > 16) {
            out.append(digits.charAt(0));
            if (digits.length() > 1) {
                out.append('.').append(digits, 1, digits.length());
            }
            int exp = decpt - 1;
            out.append('e').append(exp < 0 ? '-' : '+');
            String e = Integer.toString(Math.abs(exp));
            if (e.length() < 2) {
                out.append('0');
            }
            out.append(e);
        } else if (decpt <= 0) {
            out.append("0.");
            out.append("0".repeat(-decpt));
            out.append(digits);
        } else if (decpt >= digits.length()) {
            out.append(digits).append("0".repeat(decpt - digits.length())).append(".0");
        } else {
            out.append(digits, 0, decpt).append('.').append(digits, decpt, digits.length());
        }
        return out.toString();
    }

    /** Python {@code repr()} of the simple values that appear in Odoo error messages. */
    static String pyRepr(Object v) {
        if (v == null) {
            return "None";
        }
        if (v instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (v instanceof Double || v instanceof Float) {
            return pyFloatRepr(((Number) v).doubleValue());
        }
        if (v instanceof Number) {
            return v.toString();
        }
        if (v instanceof String s) {
            char q = (s.indexOf('\'') >= 0 && s.indexOf('"') < 0) ? '"' : '\'';
            StringBuilder b = new StringBuilder().append(q);
            for (char c : s.toCharArray()) {
                switch (c) {
                    case '\\' -> b.append("\\\\");
                    case '\n' -> b.append("\\n");
                    case '\r' -> b.append("\\r");
                    case '\t' -> b.append("\\t");
                    default -> {
                        if (c == q) {
                            b.append('\\').append(c);
                        } else if (c < 32 || c == 127) {
                            b.append(String.format("\\x%02x", (int) c));
                        } else {
                            b.append(c);
                        }
                    }
                }
            }
            return b.append(q).toString();
        }
        if (v instanceof List<?> l) {
            StringBuilder b = new StringBuilder("[");
            for (int i = 0; i < l.size(); i++) {
                b.append(i == 0 ? "" : ", ").append(pyRepr(l.get(i)));
            }
            return b.append(']').toString();
        }
        if (v instanceof Map<?, ?> m) {
            StringBuilder b = new StringBuilder("{");
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                b.append(first ? "" : ", ")
                        .append(pyRepr(e.getKey()))
                        .append(": ")
                        .append(pyRepr(e.getValue()));
                first = false;
            }
            return b.append('}').toString();
        }
        return String.valueOf(v);
    }

    // ------------------------------------------------------------------ parsing

    static DocumentBuilder newDocumentBuilder() {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            f.setNamespaceAware(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(null);
            return b;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Parses a {@code <methodCall>}; throws {@link IllegalArgumentException} with an expat-like message. */
    static Call parseCall(byte[] body) {
        Document doc = parse(body);
        Element root = doc.getDocumentElement();
        if (!"methodCall".equals(local(root))) {
            throw new IllegalArgumentException("unexpected root element <" + root.getTagName() + ">");
        }
        String methodName = null;
        List<Object> params = new ArrayList<>();
        for (Element child : children(root)) {
            switch (local(child)) {
                case "methodName" -> methodName = child.getTextContent();
                case "params" -> {
                    for (Element param : children(child)) {
                        List<Element> values = children(param);
                        if (values.isEmpty()) {
                            throw new IllegalArgumentException("<param> without <value>");
                        }
                        params.add(parseValue(values.get(0)));
                    }
                }
                default -> {
                    // ignored, like CPython
                }
            }
        }
        if (methodName == null) {
            throw new IllegalArgumentException("<methodCall> without <methodName>");
        }
        return new Call(methodName.trim(), params);
    }

    /** Parses a {@code <methodResponse>}: returns the value, or a {@link ParsedFault}. Used by tests. */
    static Object parseResponse(byte[] body) {
        Document doc = parse(body);
        Element root = doc.getDocumentElement();
        for (Element child : children(root)) {
            if ("fault".equals(local(child))) {
                @SuppressWarnings("unchecked")
                Map<String, Object> f =
                        (Map<String, Object>) parseValue(children(child).get(0));
                return new ParsedFault((Integer) f.get("faultCode"), (String) f.get("faultString"));
            }
            if ("params".equals(local(child))) {
                Element param = children(child).get(0);
                return parseValue(children(param).get(0));
            }
        }
        throw new IllegalArgumentException("not a methodResponse");
    }

    /** A fault as read back by a client. */
    record ParsedFault(int faultCode, String faultString) {}

    private static Document parse(byte[] body) {
        try {
            return newDocumentBuilder().parse(new ByteArrayInputStream(body));
        } catch (Exception e) {
            throw new IllegalArgumentException(String.valueOf(e.getMessage()), e);
        }
    }

    private static Object parseValue(Element value) {
        if (!"value".equals(local(value))) {
            throw new IllegalArgumentException("expected <value>, got <" + value.getTagName() + ">");
        }
        List<Element> typed = children(value);
        if (typed.isEmpty()) {
            return value.getTextContent(); // bare text is a string
        }
        Element t = typed.get(0);
        String text = t.getTextContent();
        switch (local(t)) {
            case "int", "i1", "i2", "i4", "i8", "biginteger" -> {
                long l = Long.parseLong(text.trim());
                if (l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE) {
                    return (int) l;
                }
                return l;
            }
            case "boolean" -> {
                String s = text.trim();
                if ("1".equals(s)) {
                    return Boolean.TRUE;
                }
                if ("0".equals(s)) {
                    return Boolean.FALSE;
                }
                throw new IllegalArgumentException("bad boolean value");
            }
            case "string" -> {
                return text;
            }
            case "double", "float", "bigdecimal" -> {
                return Double.parseDouble(text.trim());
            }
            case "nil" -> {
                return null;
            }
            case "base64" -> {
                return new String(Base64.getMimeDecoder().decode(text.trim()), StandardCharsets.UTF_8);
            }
            case "dateTime.iso8601" -> {
                return text.trim();
            }
            case "array" -> {
                List<Object> out = new ArrayList<>();
                for (Element data : children(t)) {
                    for (Element v : children(data)) {
                        out.add(parseValue(v));
                    }
                }
                return out;
            }
            case "struct" -> {
                Map<String, Object> out = new LinkedHashMap<>();
                for (Element member : children(t)) {
                    String name = null;
                    Object v = null;
                    for (Element part : children(member)) {
                        if ("name".equals(local(part))) {
                            name = part.getTextContent();
                        } else if ("value".equals(local(part))) {
                            v = parseValue(part);
                        }
                    }
                    out.put(name, v);
                }
                return out;
            }
            default -> throw new IllegalArgumentException("unknown tag '" + t.getTagName() + "'");
        }
    }

    private static String local(Element e) {
        String n = e.getTagName();
        int i = n.indexOf(':');
        return i >= 0 ? n.substring(i + 1) : n;
    }

    private static List<Element> children(Element e) {
        List<Element> out = new ArrayList<>();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeType() == Node.ELEMENT_NODE) {
                out.add((Element) n);
            }
        }
        return out;
    }
}
