package io.comply360.document;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import javax.imageio.ImageIO;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionJavaScript;

/**
 * The documents the tests upload, generated: A4 pages drawn with Java2D at 300 dpi (an ID copy, a letter), a
 * rotated and noisy scan of one, PDFs with a text layer or a scanned image (PDFBox), and the hostile files
 * (bombs, polyglots, truncations).
 */
public final class Pages {

    static final int WIDTH = 2480;
    static final int HEIGHT = 3508;

    private Pages() {}

    /** The text lines of an SA identity document copy. */
    public static List<String> idCopy(String surname, String names, String idNumber, String born) {
        return List.of(
                "REPUBLIC OF SOUTH AFRICA",
                "IDENTITY DOCUMENT",
                "Surname: " + surname,
                "Names: " + names,
                "Identity Number: " + idNumber,
                "Date of Birth: " + born,
                "Country of Birth: SOUTH AFRICA",
                "Certified a true copy of the original");
    }

    /** A page with these lines, black on white, grayscale. */
    public static BufferedImage page(List<String> lines) {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        g.setColor(Color.BLACK);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        int y = 320;
        for (int i = 0; i < lines.size(); i++) {
            g.setFont(new Font(Font.SANS_SERIF, i == 0 ? Font.BOLD : Font.PLAIN, i == 0 ? 64 : 52));
            g.drawString(lines.get(i), 200, y);
            y += 110;
        }
        g.dispose();
        return image;
    }

    /** The page scanned badly: turned a quarter, tilted a little, with salt-and-pepper noise. */
    public static BufferedImage badScan(BufferedImage page) {
        BufferedImage tilted = new BufferedImage(page.getWidth(), page.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = tilted.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, page.getWidth(), page.getHeight());
        g.rotate(Math.toRadians(2.5), page.getWidth() / 2.0, page.getHeight() / 2.0);
        g.drawImage(page, 0, 0, null);
        g.dispose();
        BufferedImage turned = new BufferedImage(page.getHeight(), page.getWidth(), BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D t = turned.createGraphics();
        t.translate(page.getHeight(), 0);
        t.rotate(Math.PI / 2);
        t.drawImage(tilted, 0, 0, null);
        t.dispose();
        Random random = new Random(7);
        WritableRaster raster = turned.getRaster();
        for (int i = 0; i < turned.getWidth() * turned.getHeight() / 40; i++) {
            raster.setSample(
                    random.nextInt(turned.getWidth()),
                    random.nextInt(turned.getHeight()),
                    0,
                    random.nextBoolean() ? 0 : 255);
        }
        return turned;
    }

    public static byte[] png(BufferedImage image) {
        return encode(image, "png");
    }

    public static byte[] jpeg(BufferedImage image) {
        return encode(image, "jpeg");
    }

    public static byte[] tiff(BufferedImage image) {
        return encode(image, "tiff");
    }

    private static byte[] encode(BufferedImage image, String format) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no " + format + " writer");
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A PDF whose text is a text layer (as a word processor writes it). */
    public static byte[] textPdf(List<String> lines) {
        try (PDDocument pdf = new PDDocument()) {
            PDPage page = new PDPage(PDRectangle.A4);
            pdf.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(pdf, page)) {
                content.beginText();
                content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                content.setLeading(18);
                content.newLineAtOffset(60, 760);
                for (String line : lines) {
                    content.showText(line);
                    content.newLine();
                }
                content.endText();
            }
            return save(pdf);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A PDF of a scanned page: one image, no text layer. */
    public static byte[] scannedPdf(BufferedImage image) {
        try (PDDocument pdf = new PDDocument()) {
            PDPage page = new PDPage(PDRectangle.A4);
            pdf.addPage(page);
            PDImageXObject xobject = LosslessFactory.createFromImage(pdf, image);
            try (PDPageContentStream content = new PDPageContentStream(pdf, page)) {
                content.drawImage(xobject, 0, 0, PDRectangle.A4.getWidth(), PDRectangle.A4.getHeight());
            }
            return save(pdf);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A text PDF that runs JavaScript when opened. */
    public static byte[] pdfWithJavaScript(List<String> lines) {
        try (PDDocument pdf = org.apache.pdfbox.Loader.loadPDF(textPdf(lines))) {
            pdf.getDocumentCatalog().setOpenAction(new PDActionJavaScript("app.alert('hello');"));
            return save(pdf);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A text PDF encrypted with an owner password only (opens without a password, as most "secured" PDFs). */
    public static byte[] encryptedPdf(List<String> lines, String userPassword) {
        try (PDDocument pdf = org.apache.pdfbox.Loader.loadPDF(textPdf(lines))) {
            StandardProtectionPolicy policy =
                    new StandardProtectionPolicy("owner-secret", userPassword, new AccessPermission());
            policy.setEncryptionKeyLength(128);
            pdf.protect(policy);
            return save(pdf);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] save(PDDocument pdf) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        pdf.save(out);
        return out.toByteArray();
    }

    // ---- hostile files -----------------------------------------------------------------------------------------

    /** A PNG announcing 100,000 × 100,000 pixels (10 gigapixels) in a few hundred bytes. */
    public static byte[] pixelBomb() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
        byte[] header = new byte[13];
        putInt(header, 0, 100_000);
        putInt(header, 4, 100_000);
        header[8] = 8; // bit depth
        header[9] = 0; // grayscale
        chunk(out, "IHDR", header);
        chunk(out, "IDAT", new byte[] {0x78, (byte) 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01});
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    /** A ZIP of 50 MB of zeros (a few KB), as a decompression bomb renamed .pdf would be. */
    public static byte[] zipBomb() {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ZipOutputStream zip = new ZipOutputStream(out)) {
                zip.putNextEntry(new ZipEntry("zeros.bin"));
                byte[] zeros = new byte[1024 * 1024];
                for (int i = 0; i < 50; i++) {
                    zip.write(zeros);
                }
                zip.closeEntry();
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A valid PDF with a ZIP archive appended after its end (a PDF/ZIP polyglot). */
    public static byte[] polyglot(byte[] pdf) {
        byte[] zip = zipBomb();
        byte[] both = Arrays.copyOf(pdf, pdf.length + zip.length);
        System.arraycopy(zip, 0, both, pdf.length, zip.length);
        return both;
    }

    /** The first half of a file. */
    public static byte[] truncated(byte[] file) {
        return Arrays.copyOf(file, file.length / 2);
    }

    /** A PNG whose chunks and checksums are all valid but whose image data does not inflate. */
    public static byte[] undecodablePng() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
        byte[] header = new byte[13];
        putInt(header, 0, 800);
        putInt(header, 4, 600);
        header[8] = 8;
        header[9] = 0;
        chunk(out, "IHDR", header);
        byte[] garbage = new byte[4096];
        new Random(3).nextBytes(garbage);
        chunk(out, "IDAT", garbage);
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    public static byte[] html() {
        return "<!DOCTYPE html><html><body><script>alert(1)</script></body></html>".getBytes(StandardCharsets.UTF_8);
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] length = new byte[4];
        putInt(length, 0, data.length);
        out.writeBytes(length);
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(name);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        byte[] sum = new byte[4];
        putInt(sum, 0, (int) crc.getValue());
        out.writeBytes(sum);
    }

    private static void putInt(byte[] bytes, int at, int value) {
        bytes[at] = (byte) (value >>> 24);
        bytes[at + 1] = (byte) (value >>> 16);
        bytes[at + 2] = (byte) (value >>> 8);
        bytes[at + 3] = (byte) value;
    }
}
