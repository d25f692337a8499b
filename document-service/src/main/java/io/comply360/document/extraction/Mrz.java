package io.comply360.document.extraction;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The machine-readable zone of a passport (ICAO 9303, TD3: two lines of 44 characters). Read leniently (OCR turns
 * {@code <} into {@code «}, {@code K} or spaces, and {@code O} into {@code 0} in numeric fields), then every check
 * digit (weights 7, 3, 1) is verified: document number, birth date, expiry, and the composite.
 */
public final class Mrz {

    private Mrz() {}

    /** The fields of the first TD3 zone found in {@code lines}, each marked checked when its digit matched. */
    public static List<Field> read(List<String> lines, double confidence, LocalDate today) {
        for (int i = 0; i + 1 < lines.size(); i++) {
            String first = normalise(lines.get(i));
            String second = normalise(lines.get(i + 1));
            if (first.length() >= 40 && first.startsWith("P") && second.length() >= 40) {
                List<Field> fields = parse(pad(first), pad(second), confidence, today);
                if (!fields.isEmpty()) {
                    return fields;
                }
            }
        }
        return List.of();
    }

    static List<Field> parse(String line1, String line2, double confidence, LocalDate today) {
        String number = line2.substring(0, 9);
        String birth = digits(line2.substring(13, 19));
        String expiry = digits(line2.substring(21, 27));
        boolean numberOk = check(number, line2.charAt(9));
        boolean birthOk = check(birth, line2.charAt(19));
        boolean expiryOk = check(expiry, line2.charAt(27));
        String composite = line2.substring(0, 10) + line2.substring(13, 20) + line2.substring(21, 43);
        boolean compositeOk = check(composite, line2.charAt(43));
        if (!numberOk && !birthOk && !expiryOk) {
            return List.of(); // not an MRZ (or nothing in it could be trusted)
        }
        double scaled = compositeOk ? Math.max(confidence, 95) : Math.min(confidence, 60);
        List<Field> fields = new ArrayList<>();
        fields.add(new Field(Field.PASSPORT_NUMBER, number.replace("<", ""), scaled, numberOk && compositeOk, "mrz"));
        fields.add(new Field(Field.NATIONALITY, line2.substring(10, 13).replace("<", ""), scaled, compositeOk, "mrz"));
        LocalDate born = date(birth, today, true);
        if (born != null) {
            fields.add(new Field(Field.DATE_OF_BIRTH, born.toString(), scaled, birthOk, "mrz"));
        }
        LocalDate expires = date(expiry, today, false);
        if (expires != null) {
            fields.add(new Field(Field.EXPIRY_DATE, expires.toString(), scaled, expiryOk, "mrz"));
        }
        String names = line1.substring(5);
        int split = names.indexOf("<<");
        if (split > 0) {
            String surname = names.substring(0, split).replace('<', ' ').strip();
            String given = names.substring(split + 2)
                    .replace('<', ' ')
                    .replaceAll(" +", " ")
                    .strip();
            fields.add(new Field(Field.SURNAME, surname, scaled, compositeOk, "mrz"));
            if (!given.isEmpty()) {
                fields.add(new Field(Field.FIRST_NAMES, given, scaled, compositeOk, "mrz"));
            }
        }
        return fields;
    }

    /** The ICAO 9303 check digit of {@code value} (digits, letters A=10…Z=35, {@code <}=0) compared with {@code digit}. */
    static boolean check(String value, char digit) {
        int[] weights = {7, 3, 1};
        int sum = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            int v;
            if (c >= '0' && c <= '9') {
                v = c - '0';
            } else if (c >= 'A' && c <= 'Z') {
                v = c - 'A' + 10;
            } else {
                v = 0;
            }
            sum += v * weights[i % 3];
        }
        char expected = (char) ('0' + sum % 10);
        return digit == expected || digit == '<' && sum % 10 == 0;
    }

    private static String normalise(String line) {
        String s = line.toUpperCase(Locale.ROOT)
                .replace('«', '<')
                .replace('‹', '<')
                .replace(" ", "");
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '<') {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String pad(String line) {
        return line.length() >= 44 ? line.substring(0, 44) : line + "<".repeat(44 - line.length());
    }

    /** OCR reads a zero as the letter O in numeric fields. */
    private static String digits(String field) {
        return field.replace('O', '0').replace('I', '1').replace('S', '5').replace('B', '8');
    }

    private static LocalDate date(String yymmdd, LocalDate today, boolean past) {
        try {
            int yy = Integer.parseInt(yymmdd.substring(0, 2));
            int month = Integer.parseInt(yymmdd.substring(2, 4));
            int day = Integer.parseInt(yymmdd.substring(4, 6));
            LocalDate recent = LocalDate.of(2000 + yy, month, day);
            if (past) {
                return recent.isAfter(today) ? LocalDate.of(1900 + yy, month, day) : recent;
            }
            return recent;
        } catch (RuntimeException e) {
            return null;
        }
    }
}
