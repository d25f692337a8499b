package io.comply360.gateway;

/**
 * Whether a request path is already in the one form every component agrees on. Anything a server might
 * rewrite before routing is refused: empty, {@code .} or {@code ..} segments ({@code //}, {@code /./}), matrix
 * parameters ({@code ;}), backslashes, percent-encoded characters that decoding would turn into path syntax or
 * into plain characters ({@code %2F}, {@code %5C}, {@code %3B}, {@code %2E}, {@code %74}), control characters,
 * and malformed escapes. Percent-encoded characters that stay encoded in the normal form ({@code %20},
 * {@code %C3%A9}) are fine: they can only be part of a path parameter.
 */
final class NormalPath {

    private NormalPath() {}

    /** Why the path is refused, or {@code null} when it is in normal form. */
    static String refusal(String path) {
        if (path == null || path.isEmpty() || path.charAt(0) != '/') {
            return "The path must start with /";
        }
        int segmentStart = 1;
        for (int i = 1; i <= path.length(); i++) {
            char c = i < path.length() ? path.charAt(i) : '/';
            if (c == '/') {
                String segment = path.substring(segmentStart, i);
                if (segment.isEmpty() && i < path.length()) {
                    return "The path has an empty segment (//)";
                }
                if (segment.equals(".") || segment.equals("..")) {
                    return "The path has a . or .. segment";
                }
                segmentStart = i + 1;
            } else if (c == ';' || c == '\\') {
                return "The path has a character that servers treat as path syntax (" + c + ")";
            } else if (c < 0x20 || c == 0x7f) {
                return "The path has a control character";
            } else if (c == '%') {
                int decoded = i + 2 < path.length() ? hex(path.charAt(i + 1), path.charAt(i + 2)) : -1;
                if (decoded < 0) {
                    return "The path has a malformed percent-encoding";
                }
                if (decoded == '/'
                        || decoded == '\\'
                        || decoded == ';'
                        || decoded < 0x20
                        || decoded == 0x7f
                        || unreserved(decoded)) {
                    return "The path has a percent-encoded character that must be written plainly or not at all (%"
                            + path.substring(i + 1, i + 3) + ")";
                }
                i += 2;
            }
        }
        return null;
    }

    private static boolean unreserved(int c) {
        return (c >= 'A' && c <= 'Z')
                || (c >= 'a' && c <= 'z')
                || (c >= '0' && c <= '9')
                || c == '-'
                || c == '.'
                || c == '_'
                || c == '~';
    }

    private static int hex(char high, char low) {
        int h = Character.digit(high, 16);
        int l = Character.digit(low, 16);
        return h < 0 || l < 0 ? -1 : h * 16 + l;
    }
}
