package io.comply360.document.intake;

import java.util.List;

/**
 * What the checks found in a file: its real type (from its content), size and SHA-256, its pages (PDF, TIFF) and
 * pixel size (images), and what they noticed without refusing it ({@link Flags}).
 */
public record Inspection(
        String mediaType,
        long sizeBytes,
        String sha256,
        Integer pages,
        Integer widthPx,
        Integer heightPx,
        List<String> flags) {

    /** Things a file may carry that do not refuse it but a reviewer should know (and the worker acts on). */
    public static final class Flags {
        public static final String ENCRYPTED = "encrypted";
        /** Encrypted with a password to open: its pages cannot be read here. */
        public static final String PASSWORD_PROTECTED = "password_protected";

        public static final String SIGNED = "signed";
        public static final String JAVASCRIPT = "javascript";
        public static final String EMBEDDED_FILES = "embedded_files";

        private Flags() {}
    }
}
