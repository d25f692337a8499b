package io.comply360.document.intake;

import java.text.Normalizer;

/**
 * Makes a client's file name safe to show: only its last path segment, no control, format or bidirectional
 * override characters (an RTL override makes {@code invoice\u202Efdp.exe} display as {@code invoiceexe.pdf}), no
 * leading dots, at most 200 characters with the extension kept. Names are for display only: keys never use them.
 */
public final class FileNames {

    static final int MAX = 200;

    private FileNames() {}

    public static String clean(String name) {
        if (name == null) {
            return "document";
        }
        String s = Normalizer.normalize(name, Normalizer.Form.NFC);
        int slash = Math.max(s.lastIndexOf('/'), s.lastIndexOf('\\'));
        s = s.substring(slash + 1);
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            int type = Character.getType(cp);
            boolean invisible = type == Character.CONTROL
                    || type == Character.FORMAT
                    || type == Character.SURROGATE
                    || type == Character.PRIVATE_USE
                    || type == Character.UNASSIGNED
                    || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR;
            if (!invisible) {
                out.appendCodePoint(Character.isWhitespace(cp) ? ' ' : cp);
            }
        });
        String cleaned = out.toString().replaceAll(" {2,}", " ").strip();
        cleaned = cleaned.replaceFirst("^\\.+", "").strip();
        if (cleaned.isEmpty() || cleaned.equals("..")) {
            return "document";
        }
        if (cleaned.codePointCount(0, cleaned.length()) > MAX) {
            int dot = cleaned.lastIndexOf('.');
            String extension = dot > 0 && cleaned.length() - dot <= 10 ? cleaned.substring(dot) : "";
            cleaned = cleaned.substring(0, cleaned.offsetByCodePoints(0, MAX - extension.length())) + extension;
        }
        return cleaned;
    }
}
