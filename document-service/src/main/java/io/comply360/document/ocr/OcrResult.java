package io.comply360.document.ocr;

import java.util.List;

/**
 * The text of a document as read: where it came from ({@link #TEXT_LAYER} or {@link #OCR}), its lines of words
 * with each word's confidence (0–100; a text layer is taken as 100), the pages read, and the mean word confidence.
 */
public record OcrResult(String source, List<Line> lines, int pages) {

    public static final String TEXT_LAYER = "text_layer";
    public static final String OCR = "ocr";

    public record Word(String text, double confidence) {}

    public record Line(int page, List<Word> words) {

        public String text() {
            StringBuilder out = new StringBuilder();
            for (Word word : words) {
                if (!out.isEmpty()) {
                    out.append(' ');
                }
                out.append(word.text());
            }
            return out.toString();
        }
    }

    /** The whole text, a line per line and a form feed between pages. */
    public String text() {
        StringBuilder out = new StringBuilder();
        int page = lines.isEmpty() ? 1 : lines.get(0).page();
        for (Line line : lines) {
            if (line.page() != page) {
                out.append('\f');
                page = line.page();
            }
            out.append(line.text()).append('\n');
        }
        return out.toString();
    }

    /** The mean confidence of the words read, weighted by their length; 0 without words. */
    public double meanConfidence() {
        double sum = 0;
        long letters = 0;
        for (Line line : lines) {
            for (Word word : line.words()) {
                sum += word.confidence() * word.text().length();
                letters += word.text().length();
            }
        }
        return letters == 0 ? 0 : sum / letters;
    }

    /** Letters and digits read (a blank page or a failed scan has almost none). */
    public long characters() {
        long count = 0;
        for (Line line : lines) {
            for (Word word : line.words()) {
                count += word.text()
                        .codePoints()
                        .filter(Character::isLetterOrDigit)
                        .count();
            }
        }
        return count;
    }
}
