package io.comply360.document.extraction;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import io.comply360.contracts.identity.Luhn;
import io.comply360.contracts.identity.ZaIdNumbers;
import io.comply360.document.ocr.OcrResult;

/**
 * Reads fields off a document's text, each with the confidence of the words it came from: SA ID numbers (13 digits,
 * spaces allowed, marked checked when the date, citizenship and Luhn digit hold) and the birth date they carry,
 * Zimbabwean ID numbers, labelled names and dates of birth (English and Afrikaans labels), the MRZ of passports,
 * CIPC enterprise numbers, VAT numbers and postal codes. Fields that do not apply to a document simply are not found.
 */
@ApplicationScoped
public class Extractor {

    private static final Pattern ZA_ID = Pattern.compile("(?<![0-9])([0-9]{6}) ?([0-9]{4}) ?([0-9]{3})(?![0-9])");
    private static final Pattern ZW_ID =
            Pattern.compile("(?<![0-9A-Z])([0-9]{2})[- ]?([0-9]{6,7}) ?([A-Z]) ?-?([0-9]{2})(?![0-9])");
    private static final Pattern ENTERPRISE =
            Pattern.compile("(?<![0-9])((?:19|20)[0-9]{2}) ?/ ?([0-9]{6}) ?/ ?([0-9]{2})(?![0-9])");
    private static final Pattern VAT = Pattern.compile("(?i)\\b(?:VAT|BTW)\\b[^0-9]{0,30}(4[0-9]{9})(?![0-9])");
    private static final Pattern POSTAL = Pattern.compile("(?<![0-9/-])([0-9]{4})(?![0-9/-])");
    private static final Pattern SURNAME_LABEL =
            Pattern.compile("(?i)^\\s*(?:surname|van|last name|family name)\\s*[:/.]?\\s*(.*)$");
    private static final Pattern NAMES_LABEL =
            Pattern.compile("(?i)^\\s*(?:names|forenames|first names|given names|voorname|name)\\s*[:/.]?\\s*(.*)$");
    private static final Pattern BIRTH_LABEL =
            Pattern.compile("(?i)(?:date of birth|birth date|geboortedatum|born)\\s*[:/.]?\\s*(.+)$");
    private static final Pattern PASSPORT_LABEL =
            Pattern.compile("(?i)(?:passport|paspoort)\\s*(?:no|number|nommer)?\\.?\\s*[:/.]?\\s*([A-Z0-9]{6,9})\\b");
    private static final List<DateTimeFormatter> DATES = List.of(
            DateTimeFormatter.ISO_LOCAL_DATE,
            DateTimeFormatter.ofPattern("yyyy/MM/dd"),
            DateTimeFormatter.ofPattern("dd/MM/yyyy"),
            DateTimeFormatter.ofPattern("dd.MM.yyyy"),
            DateTimeFormatter.ofPattern("dd-MM-yyyy"),
            new DateTimeFormatterBuilder()
                    .parseCaseInsensitive()
                    .appendPattern("d MMM yyyy")
                    .toFormatter(Locale.ENGLISH),
            new DateTimeFormatterBuilder()
                    .parseCaseInsensitive()
                    .appendPattern("d MMMM yyyy")
                    .toFormatter(Locale.ENGLISH));

    private final Clock clock;

    public Extractor(Clock clock) {
        this.clock = clock;
    }

    public List<Field> extract(OcrResult result) {
        LocalDate today = LocalDate.now(clock);
        List<Field> fields = new ArrayList<>();
        List<OcrResult.Line> lines = result.lines();
        for (int i = 0; i < lines.size(); i++) {
            OcrResult.Line line = lines.get(i);
            String text = line.text();
            idNumbers(line, text, today, fields);
            Matcher m = ZW_ID.matcher(text.toUpperCase(Locale.ROOT));
            while (m.find()) {
                fields.add(new Field(
                        Field.ID_NUMBER,
                        m.group(1) + m.group(2) + m.group(3) + m.group(4),
                        confidence(line, m.start(), m.end()),
                        true,
                        "pattern"));
            }
            m = ENTERPRISE.matcher(text);
            while (m.find()) {
                fields.add(new Field(
                        Field.ENTERPRISE_NUMBER,
                        m.group(1) + "/" + m.group(2) + "/" + m.group(3),
                        confidence(line, m.start(), m.end()),
                        true,
                        "pattern"));
            }
            m = VAT.matcher(text);
            while (m.find()) {
                fields.add(new Field(
                        Field.VAT_NUMBER,
                        m.group(1),
                        confidence(line, m.start(1), m.end(1)),
                        Luhn.valid(m.group(1)),
                        "label"));
            }
            labelled(lines, i, SURNAME_LABEL, Field.SURNAME, fields);
            labelled(lines, i, NAMES_LABEL, Field.FIRST_NAMES, fields);
            m = BIRTH_LABEL.matcher(text);
            if (m.find()) {
                LocalDate date = date(m.group(1));
                if (date != null) {
                    fields.add(new Field(
                            Field.DATE_OF_BIRTH,
                            date.toString(),
                            confidence(line, m.start(1), m.end(1)),
                            true,
                            "label"));
                }
            }
            m = PASSPORT_LABEL.matcher(text);
            if (m.find() && m.group(1).chars().anyMatch(Character::isDigit)) {
                fields.add(new Field(
                        Field.PASSPORT_NUMBER,
                        m.group(1).toUpperCase(Locale.ROOT),
                        confidence(line, m.start(1), m.end(1)),
                        true,
                        "label"));
            }
            if (text.matches("(?i).*\\b(code|kode|box|street|road|avenue|straat|weg|laan)\\b.*|.*\\b[0-9]{4}\\s*$")) {
                m = POSTAL.matcher(text);
                while (m.find()) {
                    fields.add(new Field(
                            Field.POSTAL_CODE, m.group(1), confidence(line, m.start(), m.end()), true, "pattern"));
                }
            }
        }
        List<String> texts = lines.stream().map(OcrResult.Line::text).toList();
        fields.addAll(Mrz.read(texts, result.meanConfidence(), today));
        return List.copyOf(fields);
    }

    private static void idNumbers(OcrResult.Line line, String text, LocalDate today, List<Field> fields) {
        Matcher m = ZA_ID.matcher(text);
        while (m.find()) {
            String digits = m.group(1) + m.group(2) + m.group(3);
            double confidence = confidence(line, m.start(), m.end());
            boolean valid = ZaIdNumbers.valid(digits, today);
            fields.add(new Field(
                    Field.ID_NUMBER, digits, valid ? confidence : Math.min(confidence, 50), valid, "pattern"));
            if (valid) {
                LocalDate born = ZaIdNumbers.birthDate(digits, today);
                fields.add(new Field(Field.DATE_OF_BIRTH, born.toString(), confidence, true, "id_number"));
            }
        }
    }

    /** A labelled value on the label's line, or on the next line when the label stands alone. */
    private static void labelled(List<OcrResult.Line> lines, int i, Pattern label, String name, List<Field> fields) {
        OcrResult.Line line = lines.get(i);
        Matcher m = label.matcher(line.text());
        if (!m.find()) {
            return;
        }
        String value = m.group(1).strip();
        OcrResult.Line source = line;
        int start = m.start(1);
        if (value.isEmpty() && i + 1 < lines.size()) {
            source = lines.get(i + 1);
            value = source.text().strip();
            start = 0;
        }
        value = value.replaceAll("[^\\p{L}' -]", "").replaceAll(" +", " ").strip();
        if (value.length() < 2) {
            return;
        }
        fields.add(
                new Field(name, value, confidence(source, start, source.text().length()), true, "label"));
    }

    /** The lowest confidence of the words of {@code line} that overlap characters {@code start}–{@code end}. */
    static double confidence(OcrResult.Line line, int start, int end) {
        double lowest = 100;
        boolean any = false;
        int at = 0;
        for (OcrResult.Word word : line.words()) {
            int wordEnd = at + word.text().length();
            if (wordEnd > start && at < end) {
                lowest = Math.min(lowest, word.confidence());
                any = true;
            }
            at = wordEnd + 1;
        }
        return any ? lowest : 0;
    }

    static LocalDate date(String text) {
        String candidate = text.strip().replaceAll("[,]", "");
        for (int words = Math.min(3, candidate.split("\\s+").length); words >= 1; words--) {
            String[] parts = candidate.split("\\s+");
            String joined = String.join(" ", java.util.Arrays.copyOf(parts, words));
            for (DateTimeFormatter format : DATES) {
                try {
                    return LocalDate.parse(joined, format);
                } catch (DateTimeParseException ignored) {
                    // the next format
                }
            }
        }
        return null;
    }
}
