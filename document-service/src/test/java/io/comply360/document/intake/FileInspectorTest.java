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
