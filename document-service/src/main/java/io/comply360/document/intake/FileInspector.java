package io.comply360.document.intake;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.comply360.document.config.DocumentConfig;
import io.comply360.document.tools.Tools;
import io.comply360.platform.error.FieldError;
import io.comply360.platform.error.ProblemException;
import io.comply360.platform.error.ProblemType;

/**
 * The checks every file passes before it is stored: its real type from its content (PDF, PNG, JPEG, TIFF; anything
 * else is 415 whatever its declared type or name), that it parses as that type to its end with nothing after it (a
 * polyglot or a truncated file is refused), and its size, pages and pixels within limits, read from headers before
 * anything is decoded (pixel and decompression bombs). PDFs are read by poppler's {@code pdfinfo} in a child
 * process with a time limit; an encrypted or signed PDF is accepted and flagged, as are JavaScript and embedded
 * files. Blocking: call it on a worker thread.
 */
@ApplicationScoped
public class FileInspector {

    public static final String PDF = "application/pdf";
    public static final String PNG = "image/png";
    public static final String JPEG = "image/jpeg";
    public static final String TIFF = "image/tiff";

    private static final Duration PDF_TOOL_TIMEOUT = Duration.ofSeconds(20);
    private static final Pattern PAGES = Pattern.compile("(?m)^Pages:\\s+(\\d+)");
    private static final Pattern PAGE_SIZE =
            Pattern.compile("(?m)^Page\\s+\\d+\\s+size:\\s+([0-9.]+)\\s+x\\s+([0-9.]+)\\s+pts");
    private static final Pattern ENCRYPTED = Pattern.compile("(?m)^Encrypted:\\s+yes");
    private static final Pattern JAVASCRIPT = Pattern.compile("(?m)^JavaScript:\\s+yes");

    private final long maxPixels;
    private final int maxPages;
    private final int dpi;

    @Inject
    public FileInspector(DocumentConfig config) {
        this.maxPixels = config.maxPixels();
        this.maxPages = config.maxPages();
        this.dpi = config.ocr().dpi();
    }

    FileInspector(long maxPixels, int maxPages, int dpi) {
        this.maxPixels = maxPixels;
        this.maxPages = maxPages;
        this.dpi = dpi;
    }

    /** Checks {@code file} (at most {@code maxSize} bytes) and answers what it is, or throws a problem naming "file". */
    public Inspection inspect(Path file, long maxSize) {
        try {
            long size = Files.size(file);
            if (size == 0) {
                throw invalid(ProblemType.VALIDATION_FAILED, "is empty");
            }
            if (size > maxSize) {
                throw new ProblemException(
                        ProblemType.PAYLOAD_TOO_LARGE,
                        "The file is larger than " + describe(maxSize) + "; use a presigned upload"
                                + " (POST /api/v1/documents/uploads) for files up to the larger limit",
                        List.of(new FieldError("file", "is larger than " + describe(maxSize))));
            }
            byte[] head = new byte[16];
            int read;
            try (InputStream in = Files.newInputStream(file)) {
                read = in.readNBytes(head, 0, head.length);
            }
            String type = sniff(head, read);
            checkNoArchiveDirectory(file, size, type);
            List<String> flags = new ArrayList<>();
            Shape shape = switch (type) {
                case PDF -> pdf(file, size, flags);
                case PNG -> png(file, size);
                case JPEG -> jpeg(file, size);
                case TIFF -> tiff(file, size);
                default -> throw new IllegalStateException(type);
            };
            return new Inspection(type, size, sha256(file), shape.pages, shape.width, shape.height, List.copyOf(flags));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Shape(Integer pages, Integer width, Integer height) {}

    // ---- type --------------------------------------------------------------------------------------------------

    static String sniff(byte[] head, int length) {
        if (startsWith(head, length, "%PDF-".getBytes(StandardCharsets.US_ASCII))) {
            return PDF;
        }
        if (startsWith(head, length, new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A})) {
            return PNG;
        }
        if (startsWith(head, length, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF})) {
            return JPEG;
        }
        if (startsWith(head, length, new byte[] {'I', 'I', 42, 0})
                || startsWith(head, length, new byte[] {'M', 'M', 0, 42})) {
            return TIFF;
        }
        throw new ProblemException(
                ProblemType.UNSUPPORTED_MEDIA_TYPE,
                "The file's content is " + describeContent(head, length)
                        + ", not a PDF, PNG, JPEG or TIFF (its name and declared type are not trusted)",
                List.of(new FieldError("file", "is not a PDF, PNG, JPEG or TIFF file")));
    }

    private static String describeContent(byte[] head, int length) {
        if (startsWith(head, length, new byte[] {'P', 'K', 3, 4})
                || startsWith(head, length, new byte[] {'P', 'K', 5, 6})) {
            return "a ZIP archive (Office documents are ZIP archives too)";
        }
        if (startsWith(head, length, new byte[] {0x1F, (byte) 0x8B})) {
            return "gzip-compressed data";
        }
        if (startsWith(head, length, new byte[] {'M', 'Z'})) {
            return "a Windows program";
        }
        if (startsWith(head, length, new byte[] {0x7F, 'E', 'L', 'F'})) {
            return "a program";
        }
        if (startsWith(head, length, new byte[] {'G', 'I', 'F', '8'})) {
            return "a GIF image";
        }
        String text =
                new String(head, 0, length, StandardCharsets.ISO_8859_1).strip().toLowerCase(Locale.ROOT);
        if (text.startsWith("<")) {
            return "HTML or XML";
        }
        return "of another kind";
    }

    private static boolean startsWith(byte[] head, int length, byte[] magic) {
        if (length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (head[i] != magic[i]) {
                return false;
            }
        }
        return true;
    }

    // ---- PDF ---------------------------------------------------------------------------------------------------

    private Shape pdf(Path file, long size, List<String> flags) throws IOException {
        ByteBuffer bytes;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            bytes = channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
        }
        checkPdfEnd(bytes);
        Tools.Run info = Tools.run(
                List.of("pdfinfo", "-f", "1", "-l", String.valueOf(maxPages), file.toString()),
                file.getParent(),
                PDF_TOOL_TIMEOUT,
                1024 * 1024);
        if (!info.ok()) {
            if (info.stderr().contains("Incorrect password")) {
                flags.add(Inspection.Flags.ENCRYPTED);
                flags.add(Inspection.Flags.PASSWORD_PROTECTED);
                return new Shape(null, null, null);
            }
            throw invalid(ProblemType.VALIDATION_FAILED, "is a damaged PDF that cannot be read");
        }
        String text = info.text();
        Matcher pages = PAGES.matcher(text);
        if (!pages.find()) {
            throw invalid(ProblemType.VALIDATION_FAILED, "is a damaged PDF that cannot be read");
        }
        long count = Long.parseLong(pages.group(1));
        if (count < 1) {
            throw invalid(ProblemType.VALIDATION_FAILED, "is a PDF without pages");
        }
        if (count > maxPages) {
            throw invalid(
                    ProblemType.VALIDATION_FAILED, "has " + count + " pages; at most " + maxPages + " are accepted");
        }
        Matcher sizes = PAGE_SIZE.matcher(text);
        double scale = dpi / 72.0;
        while (sizes.find()) {
            double pixels = Double.parseDouble(sizes.group(1)) * scale * Double.parseDouble(sizes.group(2)) * scale;
            if (pixels > maxPixels) {
                throw invalid(
                        ProblemType.VALIDATION_FAILED,
                        "has a page of " + Math.round(Double.parseDouble(sizes.group(1))) + " × "
                                + Math.round(Double.parseDouble(sizes.group(2)))
                                + " points, too large to read (at most " + maxPixels / 1_000_000
                                + " megapixels at " + dpi + " dpi)");
            }
        }
        if (ENCRYPTED.matcher(text).find()) {
            flags.add(Inspection.Flags.ENCRYPTED);
        }
        Set<String> names = scanNames(bytes);
        if (JAVASCRIPT.matcher(text).find() || names.contains("/JavaScript") || names.contains("/JS")) {
            flags.add(Inspection.Flags.JAVASCRIPT);
        }
        if (names.contains("/EmbeddedFile") || names.contains("/EmbeddedFiles")) {
            flags.add(Inspection.Flags.EMBEDDED_FILES);
        }
        if (names.contains("/ByteRange") && names.contains("/Sig")) {
            flags.add(Inspection.Flags.SIGNED);
        }
        return new Shape((int) count, null, null);
    }

    /**
     * A PDF ends with {@code %%EOF}, followed at most by line ends or padding. One without it was cut off; one that
     * goes on after it is two files in one (a polyglot) or hides data after its end.
     */
    private static void checkPdfEnd(ByteBuffer pdf) {
        int eof = lastIndexOf(pdf, EOF_MARKER);
        if (eof < 0) {
            throw invalid(ProblemType.VALIDATION_FAILED, "is a truncated PDF (it has no end marker)");
        }
        for (int i = eof + EOF_MARKER.length; i < pdf.limit(); i++) {
            byte c = pdf.get(i);
            if (c != '\r' && c != '\n' && c != ' ' && c != '\t' && c != 0) {
                throw polyglot("PDF");
            }
        }
    }

    private static final byte[] EOF_MARKER = "%%EOF".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OBJECT_STREAM = "/ObjStm".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] STREAM = "stream".getBytes(StandardCharsets.US_ASCII);
    private static final String[] NAMES = {"/JavaScript", "/JS", "/EmbeddedFile", "/EmbeddedFiles", "/ByteRange", "/Sig"
    };
    private static final int MAX_INFLATED = 8 * 1024 * 1024;
    private static final int MAX_OBJECT_STREAMS = 200;
    private static final long MAX_INFLATED_TOTAL = 32L * 1024 * 1024;

    /**
     * The names (actions, embedded files, signatures) a PDF uses: in its plain objects, and in its compressed object
     * streams, each inflated up to 16 MB (an inflation bomb stops there).
     */
    private static Set<String> scanNames(ByteBuffer pdf) {
        Set<String> found = new HashSet<>();
        names(pdf, found);
        int at = 0;
        int streams = 0;
        long inflated = 0;
        while ((at = indexOf(pdf, OBJECT_STREAM, at)) >= 0) {
            int stream = indexOf(pdf, STREAM, at);
            if (stream < 0) {
                break;
            }
            if (++streams > MAX_OBJECT_STREAMS || inflated > MAX_INFLATED_TOTAL) {
                // A real document has a few object streams of modest size; this one is built to keep us busy.
                throw invalid(
                        ProblemType.VALIDATION_FAILED,
                        "is a PDF too complex to check (more than " + MAX_OBJECT_STREAMS + " object streams or "
                                + MAX_INFLATED_TOTAL / (1024 * 1024) + " MB of them)");
            }
            int start = stream + STREAM.length;
            while (start < pdf.limit() && (pdf.get(start) == '\r' || pdf.get(start) == '\n')) {
                start++;
            }
            ByteBuffer objects = inflate(pdf, start);
            inflated += objects.limit();
            names(objects, found);
            at = start;
        }
        return found;
    }

    private static ByteBuffer inflate(ByteBuffer pdf, int start) {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(pdf.duplicate().position(start));
            byte[] out = new byte[64 * 1024];
            ByteArrayOutputStream inflated = new ByteArrayOutputStream();
            while (!inflater.finished() && inflated.size() < MAX_INFLATED) {
                int n = inflater.inflate(out);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                inflated.write(out, 0, n);
            }
            return ByteBuffer.wrap(inflated.toByteArray());
        } catch (DataFormatException e) {
            return ByteBuffer.allocate(0); // not deflated, or damaged: nothing to read in it
        } finally {
            inflater.end();
        }
    }

    /**
     * Every name token ({@code /Name}) of {@code bytes}, its {@code #xx} escapes decoded as PDF readers decode them
     * ({@code /J#61vaScript} is {@code /JavaScript}), compared with the names looked for.
     */
    private static void names(ByteBuffer bytes, Set<String> found) {
        StringBuilder name = new StringBuilder();
        int limit = bytes.limit();
        for (int i = 0; i < limit && found.size() < NAMES.length; i++) {
            if (bytes.get(i) != '/') {
                continue;
            }
            name.setLength(0);
            name.append('/');
            int j = i + 1;
            while (j < limit && name.length() <= 16) {
                int c = bytes.get(j) & 0xFF;
                if (c == '#' && j + 2 < limit && hex(bytes.get(j + 1)) >= 0 && hex(bytes.get(j + 2)) >= 0) {
                    name.append((char) (hex(bytes.get(j + 1)) * 16 + hex(bytes.get(j + 2))));
                    j += 3;
                } else if (c > ' ' && c < 127 && "()<>[]{}/%".indexOf(c) < 0) {
                    name.append((char) c);
                    j++;
                } else {
                    break;
                }
            }
            String token = name.toString();
            for (String wanted : NAMES) {
                if (token.equals(wanted)) {
                    found.add(wanted);
                }
            }
            i = j - 1;
        }
    }

    private static int hex(byte b) {
        return Character.digit((char) (b & 0xFF), 16);
    }

    private static int indexOf(ByteBuffer bytes, byte[] pattern, int from) {
        int last = bytes.limit() - pattern.length;
        outer:
        for (int i = Math.max(0, from); i <= last; i++) {
            if (bytes.get(i) != pattern[0]) {
                continue;
            }
            for (int j = 1; j < pattern.length; j++) {
                if (bytes.get(i + j) != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static int lastIndexOf(ByteBuffer bytes, byte[] pattern) {
        outer:
        for (int i = bytes.limit() - pattern.length; i >= 0; i--) {
            for (int j = 0; j < pattern.length; j++) {
                if (bytes.get(i + j) != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    // ---- PNG ---------------------------------------------------------------------------------------------------

    private Shape png(Path file, long size) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            in.skipNBytes(8);
            long position = 8;
            Integer width = null;
            Integer height = null;
            byte[] buffer = new byte[64 * 1024];
            while (true) {
                long length = in.readInt() & 0xFFFFFFFFL;
                byte[] type = in.readNBytes(4);
                if (type.length < 4 || length > size - position) {
                    throw truncated("PNG");
                }
                String name = new String(type, StandardCharsets.US_ASCII);
                CRC32 crc = new CRC32();
                crc.update(type);
                if (width == null) {
                    if (!name.equals("IHDR") || length != 13) {
                        throw invalid(ProblemType.VALIDATION_FAILED, "is a damaged PNG image");
                    }
                    byte[] header = in.readNBytes(13);
                    crc.update(header);
                    width = readInt(header, 0);
                    height = readInt(header, 4);
                    if (width <= 0 || height <= 0) {
                        // Zero, or 2^31 and more (read as negative): no real image has that size.
                        throw invalid(ProblemType.VALIDATION_FAILED, "is a PNG image without a valid size");
                    }
                    checkPixels(width, height);
                } else {
                    long left = length;
                    while (left > 0) {
                        int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                        if (n < 0) {
                            throw truncated("PNG");
                        }
                        crc.update(buffer, 0, n);
                        left -= n;
                    }
                }
                if ((in.readInt() & 0xFFFFFFFFL) != crc.getValue()) {
                    throw invalid(ProblemType.VALIDATION_FAILED, "is a damaged PNG image (a checksum does not match)");
                }
                position += 12 + length;
                if (name.equals("IEND")) {
                    checkNothingAfter(in, "PNG");
                    return new Shape(1, width, height);
                }
            }
        } catch (EOFException e) {
            throw truncated("PNG");
        }
    }

    // ---- JPEG --------------------------------------------------------------------------------------------------

    private Shape jpeg(Path file, long size) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            in.skipNBytes(2);
            Integer width = null;
            Integer height = null;
            int marker = nextMarker(in);
            while (true) {
                if (marker == 0xD9) {
                    if (width == null) {
                        throw invalid(ProblemType.VALIDATION_FAILED, "is a damaged JPEG image (no frame)");
                    }
                    checkNothingAfter(in, "JPEG");
                    return new Shape(1, width, height);
                }
                if (marker >= 0xD0 && marker <= 0xD7 || marker == 0x01) {
                    marker = nextMarker(in);
                    continue;
                }
                int length = in.readUnsignedShort();
                if (length < 2) {
                    throw invalid(ProblemType.VALIDATION_FAILED, "is a damaged JPEG image");
                }
                boolean frame = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
                if (frame) {
                    byte[] header = in.readNBytes(Math.min(length - 2, 5));
                    if (header.length < 5) {
                        throw truncated("JPEG");
                    }
                    height = ((header[1] & 0xFF) << 8) | (header[2] & 0xFF);
                    width = ((header[3] & 0xFF) << 8) | (header[4] & 0xFF);
                    if (width == 0 || height == 0) {
                        throw invalid(ProblemType.VALIDATION_FAILED, "is a JPEG image without a size");
                    }
                    checkPixels(width, height);
                    in.skipNBytes(length - 2 - 5);
                } else {
                    in.skipNBytes(length - 2);
                }
                if (marker == 0xDA) {
                    marker = skipScan(in);
                } else {
                    marker = nextMarker(in);
                }
            }
        } catch (EOFException e) {
            throw truncated("JPEG");
        }
    }

    private static int nextMarker(DataInputStream in) throws IOException {
        int b = in.readUnsignedByte();
        if (b != 0xFF) {
            throw invalid(ProblemType.VALIDATION_FAILED, "is a damaged JPEG image");
        }
        while (b == 0xFF) {
            b = in.readUnsignedByte();
        }
        return b;
    }

    /** Entropy-coded data runs until a marker that is neither a stuffed byte nor a restart marker. */
    private static int skipScan(DataInputStream in) throws IOException {
        while (true) {
            int b = in.readUnsignedByte();
            if (b != 0xFF) {
                continue;
            }
            int next = in.readUnsignedByte();
            while (next == 0xFF) {
                next = in.readUnsignedByte();
            }
            if (next == 0x00 || next >= 0xD0 && next <= 0xD7) {
                continue;
            }
            return next;
        }
    }

    // ---- TIFF --------------------------------------------------------------------------------------------------

    private Shape tiff(Path file, long size) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            boolean little = raf.read() == 'I';
            raf.seek(4);
            long offset = u32(raf, little);
            int pages = 0;
            Integer firstWidth = null;
            Integer firstHeight = null;
            while (offset != 0) {
                if (offset < 8 || offset + 2 > size) {
                    throw truncated("TIFF");
                }
                if (++pages > maxPages) {
                    throw invalid(
                            ProblemType.VALIDATION_FAILED,
                            "has more than " + maxPages + " pages; at most " + maxPages + " are accepted");
                }
                raf.seek(offset);
                int entries = u16(raf, little);
                if (offset + 2 + entries * 12L + 4 > size) {
                    throw truncated("TIFF");
                }
                long width = 0;
                long height = 0;
                for (int i = 0; i < entries; i++) {
                    int tag = u16(raf, little);
                    int kind = u16(raf, little);
                    u32(raf, little);
                    long value;
                    if (kind == 3) { // SHORT: the first two bytes of the value field
                        value = u16(raf, little);
                        u16(raf, little);
                    } else {
                        value = u32(raf, little);
                    }
                    if (tag == 256) {
                        width = value;
                    } else if (tag == 257) {
                        height = value;
                    }
                }
                if (width <= 0 || height <= 0 || width > Integer.MAX_VALUE || height > Integer.MAX_VALUE) {
                    throw invalid(ProblemType.VALIDATION_FAILED, "is a damaged TIFF image (a page has no size)");
                }
                checkPixels(width, height);
                if (firstWidth == null) {
                    firstWidth = (int) width;
                    firstHeight = (int) height;
                }
                offset = u32(raf, little);
            }
            if (pages == 0) {
                throw invalid(ProblemType.VALIDATION_FAILED, "is a TIFF file without images");
            }
            return new Shape(pages, firstWidth, firstHeight);
        } catch (EOFException e) {
            throw truncated("TIFF");
        }
    }

    private static int u16(RandomAccessFile raf, boolean little) throws IOException {
        int a = raf.readUnsignedByte();
        int b = raf.readUnsignedByte();
        return little ? a | b << 8 : a << 8 | b;
    }

    private static long u32(RandomAccessFile raf, boolean little) throws IOException {
        long a = u16(raf, little);
        long b = u16(raf, little);
        return little ? a | b << 16 : a << 16 | b;
    }

    // ---- shared ------------------------------------------------------------------------------------------------

    /**
     * A ZIP archive's directory ends within its last 64 KB with {@code PK 05 06}; a document whose tail holds one is a
     * document with an archive appended (a polyglot), whatever end marker was placed after it.
     */
    private static void checkNoArchiveDirectory(Path file, long size, String type) throws IOException {
        int tail = (int) Math.min(size, 65_557);
        byte[] bytes = new byte[tail];
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            raf.seek(size - tail);
            raf.readFully(bytes);
        }
        if (indexOf(ByteBuffer.wrap(bytes), new byte[] {'P', 'K', 5, 6}, 0) >= 0) {
            throw polyglot(type.substring(type.indexOf('/') + 1).toUpperCase(Locale.ROOT));
        }
    }

    private void checkPixels(long width, long height) {
        if (width * height > maxPixels) {
            throw invalid(
                    ProblemType.VALIDATION_FAILED,
                    "is an image of " + width + " × " + height + " pixels; at most " + maxPixels / 1_000_000
                            + " megapixels are accepted");
        }
    }

    private static void checkNothingAfter(InputStream in, String kind) throws IOException {
        int b;
        while ((b = in.read()) >= 0) {
            if (b != 0) {
                throw polyglot(kind);
            }
        }
    }

    private static int readInt(byte[] bytes, int at) {
        return (bytes[at] & 0xFF) << 24
                | (bytes[at + 1] & 0xFF) << 16
                | (bytes[at + 2] & 0xFF) << 8
                | bytes[at + 3] & 0xFF;
    }

    static String sha256(Path file) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
                in.transferTo(java.io.OutputStream.nullOutputStream());
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ProblemException truncated(String kind) {
        return invalid(ProblemType.VALIDATION_FAILED, "is a truncated or damaged " + kind + " file");
    }

    private static ProblemException polyglot(String kind) {
        return new ProblemException(
                ProblemType.UNSUPPORTED_MEDIA_TYPE,
                "The file goes on after the end of its " + kind + " content: it hides other data (a polyglot file)."
                        + " Save or scan it again as a plain " + kind + " file",
                List.of(new FieldError("file", "has data after the end of its " + kind + " content")));
    }

    private static ProblemException invalid(ProblemType type, String message) {
        return new ProblemException(type, "The file " + message, List.of(new FieldError("file", message)));
    }

    static String describe(long bytes) {
        if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + " MB";
        }
        return bytes / 1024 + " KB";
    }
}
