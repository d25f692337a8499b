package io.comply360.document.ocr;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

import io.comply360.document.config.DocumentConfig;
import io.comply360.document.intake.FileInspector;
import io.comply360.document.tools.Tools;

/**
 * Reads a document's text. A PDF's text layer first ({@code pdftotext}) when it has enough text on its pages;
 * otherwise each page rendered at the configured resolution as grayscale TIFF ({@code pdftoppm}; never PNG, which is
 * many times slower on noisy scans) and read by {@code tesseract} with orientation detection ({@code --psm 1}: a page
 * scanned sideways or upside down is turned, a skewed one straightened) in TSV form, which gives every word's
 * confidence. Images go to tesseract directly (a TIFF's every page). Every tool has the job's deadline and a cap
 * on its output. Blocking: the worker calls it on its own bounded pool.
 */
@ApplicationScoped
public class OcrEngine {

    /** The file cannot be read by the tools (damaged in a way the upload checks did not see). */
    public static final class Unreadable extends RuntimeException {
        public Unreadable(String message) {
            super(message, null, false, false);
        }
    }

    private static final long MAX_TEXT = 16L * 1024 * 1024;

    private final DocumentConfig.Ocr config;
    private final int maxPages;

    public OcrEngine(DocumentConfig config) {
        this.config = config.ocr();
        this.maxPages = config.maxPages();
    }

    /** Reads {@code file} (of {@code mediaType}) using {@code workDir} for page images; gives up at {@code deadline}. */
    public OcrResult read(Path file, String mediaType, Path workDir, long deadlineNanos) {
        if (FileInspector.PDF.equals(mediaType)) {
            OcrResult layer = textLayer(file, workDir, deadlineNanos);
            if (layer != null) {
                return layer;
            }
            Path pages = render(file, workDir, deadlineNanos);
            List<OcrResult.Line> lines = new ArrayList<>();
            int page = 0;
            for (Path image : sorted(pages)) {
                page++;
                for (OcrResult.Line line : tesseract(image, workDir, deadlineNanos)) {
                    lines.add(new OcrResult.Line(page, line.words()));
                }
            }
            return new OcrResult(OcrResult.OCR, lines, page);
        }
        List<OcrResult.Line> lines = tesseract(file, workDir, deadlineNanos);
        int pages = lines.stream().mapToInt(OcrResult.Line::page).max().orElse(1);
        return new OcrResult(OcrResult.OCR, lines, pages);
    }

    private OcrResult textLayer(Path file, Path workDir, long deadline) {
        Tools.Run run = Tools.run(
                List.of("pdftotext", "-layout", "-enc", "UTF-8", "-l", String.valueOf(maxPages), file.toString(), "-"),
                workDir,
                left(deadline),
                MAX_TEXT);
        if (!run.ok()) {
            throw new Unreadable("pdftotext could not read the PDF (exit " + run.exitCode() + ")");
        }
        String[] pages = run.text().split("\f", -1);
        int count = 0;
        long characters = 0;
        List<OcrResult.Line> lines = new ArrayList<>();
        for (String text : pages) {
            if (count > 0 && text.isBlank() && count == pages.length - 1) {
                break; // the form feed after the last page
            }
            count++;
            for (String line : text.split("\n")) {
                List<OcrResult.Word> words = new ArrayList<>();
                for (String word : line.strip().split("\\s+")) {
                    if (!word.isEmpty()) {
                        words.add(new OcrResult.Word(word, 100.0));
                        characters += word.codePoints()
                                .filter(Character::isLetterOrDigit)
                                .count();
                    }
                }
                if (!words.isEmpty()) {
                    lines.add(new OcrResult.Line(count, words));
                }
            }
        }
        if (count == 0 || characters < (long) config.textLayerMinChars() * count) {
            return null;
        }
        return new OcrResult(OcrResult.TEXT_LAYER, lines, count);
    }

    private Path render(Path file, Path workDir, long deadline) {
        Path pages = workDir.resolve("pages");
        try {
            Files.createDirectories(pages);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Tools.Run run = Tools.run(
                List.of(
                        "pdftoppm",
                        "-r",
                        String.valueOf(config.dpi()),
                        "-gray",
                        "-tiff",
                        "-tiffcompression",
                        "lzw",
                        "-l",
                        String.valueOf(maxPages),
                        file.toString(),
                        pages.resolve("page").toString()),
                workDir,
                left(deadline),
                64 * 1024);
        if (!run.ok()) {
            throw new Unreadable("pdftoppm could not render the PDF's pages (exit " + run.exitCode() + ")");
        }
        return pages;
    }

    private List<OcrResult.Line> tesseract(Path image, Path workDir, long deadline) {
        Duration limit = left(deadline).compareTo(config.toolTimeout()) < 0 ? left(deadline) : config.toolTimeout();
        Tools.Run run = Tools.run(
                List.of("tesseract", image.toString(), "stdout", "-l", config.languages(), "--psm", "1", "tsv"),
                workDir,
                limit,
                MAX_TEXT);
        if (!run.ok()) {
            throw new Unreadable("tesseract could not read the image (exit " + run.exitCode() + ")");
        }
        return parseTsv(run.text());
    }

    /**
     * Tesseract's TSV: a row per page, block, paragraph, line and word; words (level 5) carry their confidence. Lines
     * are keyed by page, block, paragraph and line number, in reading order.
     */
    static List<OcrResult.Line> parseTsv(String tsv) {
        Map<String, List<OcrResult.Word>> lines = new LinkedHashMap<>();
        Map<String, Integer> pageOf = new LinkedHashMap<>();
        for (String row : tsv.split("\n")) {
            String[] cells = row.split("\t", -1);
            if (cells.length < 12 || !cells[0].equals("5")) {
                continue;
            }
            String text = cells[11].strip();
            if (text.isEmpty()) {
                continue;
            }
            double confidence;
            try {
                confidence = Math.max(0, Double.parseDouble(cells[10]));
            } catch (NumberFormatException e) {
                continue;
            }
            String key = cells[1] + "/" + cells[2] + "/" + cells[3] + "/" + cells[4];
            pageOf.putIfAbsent(key, Integer.parseInt(cells[1]));
            lines.computeIfAbsent(key, k -> new ArrayList<>()).add(new OcrResult.Word(text, confidence));
        }
        List<OcrResult.Line> result = new ArrayList<>();
        lines.forEach((key, words) -> result.add(new OcrResult.Line(pageOf.get(key), List.copyOf(words))));
        return result;
    }

    private static List<Path> sorted(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".tif"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Duration left(long deadline) {
        long nanos = deadline - System.nanoTime();
        if (nanos <= 0) {
            throw new Tools.TimedOut("the job", Duration.ZERO);
        }
        return Duration.ofNanos(nanos);
    }
}
