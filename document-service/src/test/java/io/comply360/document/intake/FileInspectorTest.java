package io.comply360.document.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.comply360.document.Pages;
import io.comply360.platform.error.ProblemException;
import io.comply360.platform.error.ProblemType;

/** The upload checks on generated files: real types accepted with their shape, hostile ones refused or flagged. */
class FileInspectorTest {

    private static final List<String> LINES =
            Pages.idCopy("DLAMINI", "THANDIWE NOMVULA", "8507140123080", "1985-07-14");
    private static final long MB = 1024 * 1024;

    private final FileInspector inspector = new FileInspector(60_000_000, 50, 300);

    @TempDir
    Path dir;

    private Inspection inspect(byte[] bytes) throws IOException {
        Path file = Files.write(dir.resolve("upload"), bytes);
        return inspector.inspect(file, 20 * MB);
    }

    private ProblemException refused(byte[] bytes) {
        return (ProblemException) org.assertj.core.api.Assertions.catchThrowable(() -> inspect(bytes));
    }

    @Test
    void everyAcceptedTypeIsRecognisedByItsContentWithItsShapeAndHash() throws IOException {
        var page = Pages.page(LINES);
        Inspection png = inspect(Pages.png(page));
        assertThat(png.mediaType()).isEqualTo("image/png");
        assertThat(png.widthPx()).isEqualTo(2480);
        assertThat(png.heightPx()).isEqualTo(3508);
        assertThat(png.sha256()).hasSize(64).matches("[0-9a-f]+");
        assertThat(inspect(Pages.jpeg(page)).mediaType()).isEqualTo("image/jpeg");
        assertThat(inspect(Pages.jpeg(page)).widthPx()).isEqualTo(2480);
        Inspection tiff = inspect(Pages.tiff(page));
        assertThat(tiff.mediaType()).isEqualTo("image/tiff");
        assertThat(tiff.pages()).isEqualTo(1);
        assertThat(tiff.heightPx()).isEqualTo(3508);
        Inspection pdf = inspect(Pages.textPdf(LINES));
        assertThat(pdf.mediaType()).isEqualTo("application/pdf");
        assertThat(pdf.pages()).isEqualTo(1);
        assertThat(pdf.flags()).isEmpty();
    }

    @Test
    void contentThatIsNoneOfTheFourIs415WhateverItClaims() {
        assertThat(refused(Pages.html()).type()).isEqualTo(ProblemType.UNSUPPORTED_MEDIA_TYPE);
        ProblemException zip = refused(Pages.zipBomb());
        assertThat(zip.type()).isEqualTo(ProblemType.UNSUPPORTED_MEDIA_TYPE);
        assertThat(zip.getMessage()).contains("ZIP archive");
        assertThat(zip.errors()).extracting(e -> e.field()).containsExactly("file");
        assertThat(refused("MZ\u0090\u0000program".getBytes()).getMessage()).contains("Windows program");
    }

    @Test
    void bombsArRefusedFromTheirHeadersBeforeAnythingIsDecoded() {
        ProblemException bomb = refused(Pages.pixelBomb());
        assertThat(bomb.type()).isEqualTo(ProblemType.VALIDATION_FAILED);
        assertThat(bomb.getMessage()).contains("100000 × 100000 pixels").contains("60 megapixels");
    }

    @Test
    void polyglotsAndTruncatedFilesAreRefused() {
        byte[] pdf = Pages.textPdf(LINES);
        ProblemException polyglot = refused(Pages.polyglot(pdf));
        assertThat(polyglot.type()).isEqualTo(ProblemType.UNSUPPORTED_MEDIA_TYPE);
        assertThat(polyglot.getMessage()).contains("polyglot");
        assertThat(refused(Pages.truncated(pdf)).getMessage()).contains("truncated");
        byte[] png = Pages.png(Pages.page(LINES));
        assertThat(refused(Pages.truncated(png)).getMessage()).contains("truncated");
        byte[] jpeg = Pages.jpeg(Pages.page(LINES));
        assertThat(refused(Pages.truncated(jpeg)).getMessage()).contains("truncated");
        byte[] pngThenZip = Pages.polyglot(png);
        assertThat(refused(pngThenZip).getMessage()).contains("polyglot");
    }

    @Test
    void emptyAndOversizedFilesAreRefusedWithTheirOwnStatus() throws IOException {
        assertThat(refused(new byte[0]).getMessage()).contains("is empty");
        Path big = Files.write(dir.resolve("big"), Pages.png(Pages.page(LINES)));
        assertThatThrownBy(() -> inspector.inspect(big, 1024))
                .isInstanceOfSatisfying(
                        ProblemException.class, e -> assertThat(e.type()).isEqualTo(ProblemType.PAYLOAD_TOO_LARGE));
    }

    @Test
    void encryptedPdfsAndPdfsWithJavaScriptAreAcceptedAndFlagged() throws IOException {
        assertThat(inspect(Pages.encryptedPdf(LINES, "")).flags())
                .contains("encrypted")
                .doesNotContain("password_protected");
        assertThat(inspect(Pages.encryptedPdf(LINES, "open-sesame")).flags())
                .contains("encrypted", "password_protected");
        assertThat(inspect(Pages.pdfWithJavaScript(LINES)).flags()).contains("javascript");
    }

    /** A PDF written by hand: its objects as given, a cross-reference table with their offsets, a trailer. */
    static byte[] handWrittenPdf(String... objects) {
        StringBuilder pdf = new StringBuilder("%PDF-1.7\n");
        List<Integer> offsets = new java.util.ArrayList<>();
        for (int i = 0; i < objects.length; i++) {
            offsets.add(pdf.length());
            pdf.append(i + 1).append(" 0 obj\n").append(objects[i]).append("\nendobj\n");
        }
        int xref = pdf.length();
        pdf.append("xref\n0 ").append(objects.length + 1).append("\n0000000000 65535 f \n");
        offsets.forEach(o -> pdf.append(String.format("%010d 00000 n \n", o)));
        pdf.append("trailer\n<< /Size ")
                .append(objects.length + 1)
                .append(" /Root 1 0 R >>\nstartxref\n")
                .append(xref)
                .append("\n%%EOF\n");
        return pdf.toString().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    @Test
    void namesHiddenBehindHexEscapesAreStillFlagged() throws IOException {
        byte[] pdf = handWrittenPdf(
                "<< /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R /Names << /Embedded#46iles 5 0 R >> >>",
                "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
                "<< /S /J#61vaScript /J#53 (app.alert(1)) >>",
                "<< /Names [] >>");
        assertThat(inspect(pdf).flags()).contains("javascript", "embedded_files");
    }

    @Test
    void aZipHiddenBeforeAFinalEndMarkerAndImpossibleSizesAreRefused() {
        byte[] pdf = Pages.textPdf(LINES);
        byte[] disguised = java.util.Arrays.copyOf(Pages.polyglot(pdf), Pages.polyglot(pdf).length + 7);
        System.arraycopy("\n%%EOF\n".getBytes(), 0, disguised, disguised.length - 7, 7);
        assertThat(refused(disguised).getMessage()).contains("polyglot");
        byte[] tiffAndZip = Pages.polyglot(Pages.tiff(Pages.page(LINES)));
        assertThat(refused(tiffAndZip).getMessage()).contains("polyglot");
        byte[] zero = Pages.pixelBomb();
        java.util.Arrays.fill(zero, 16, 24, (byte) 0); // IHDR width and height 0 (its checksum no longer matters)
        assertThat(refused(zero).type()).isEqualTo(ProblemType.VALIDATION_FAILED);
    }

    @Test
    void aPdfBuiltToInflateForeverIsRefusedQuickly() throws IOException {
        // 250 object streams of 64 KB of zeros each: each inflates cheaply, together past the limits.
        java.io.ByteArrayOutputStream zeros = new java.io.ByteArrayOutputStream();
        try (var deflate = new java.util.zip.DeflaterOutputStream(zeros)) {
            deflate.write(new byte[64 * 1024]);
        }
        String stream = new String(zeros.toByteArray(), java.nio.charset.StandardCharsets.ISO_8859_1);
        String[] objects = new String[253];
        objects[0] = "<< /Type /Catalog /Pages 2 0 R >>";
        objects[1] = "<< /Type /Pages /Kids [3 0 R] /Count 1 >>";
        objects[2] = "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>";
        for (int i = 3; i < objects.length; i++) {
            objects[i] = "<< /Type /ObjStm /N 0 /First 0 /Filter /FlateDecode /Length " + stream.length()
                    + " >>\nstream\n" + stream + "\nendstream";
        }
        long started = System.nanoTime();
        assertThat(refused(handWrittenPdf(objects)).getMessage()).contains("too complex to check");
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - started))
                .isLessThan(java.time.Duration.ofSeconds(10));
    }

    @Test
    void fileNamesAreCleanedForDisplay() {
        assertThat(FileNames.clean("../../etc/passwd")).isEqualTo("passwd");
        assertThat(FileNames.clean("C:\\Users\\x\\id copy.pdf")).isEqualTo("id copy.pdf");
        assertThat(FileNames.clean("invoice\u202Efdp.exe")).isEqualTo("invoicefdp.exe");
        assertThat(FileNames.clean("a\u0000b\u0007c.png")).isEqualTo("abc.png");
        assertThat(FileNames.clean("...hidden")).isEqualTo("hidden");
        assertThat(FileNames.clean("  ")).isEqualTo("document");
        assertThat(FileNames.clean("x".repeat(500) + ".pdf")).hasSize(200).endsWith(".pdf");
    }
}
