package io.comply360.contracts.identity;

import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * South African ID numbers {@code YYMMDDSSSSCAZ}: the birth date they carry and whether they can be real (a real
 * date, C 0 or 1, the Luhn digit). Shared by registration-service (typed numbers, with messages of its own) and
 * document-service (numbers read off a page).
 */
public final class ZaIdNumbers {

    private ZaIdNumbers() {}

    /** The birth date, in the century that does not put it after {@code today}; null when it is no real date. */
    public static LocalDate birthDate(String value, LocalDate today) {
        int yy = Integer.parseInt(value.substring(0, 2));
        int month = Integer.parseInt(value.substring(2, 4));
        int day = Integer.parseInt(value.substring(4, 6));
        LocalDate recent = date(2000 + yy, month, day);
        if (recent != null && !recent.isAfter(today)) {
            return recent;
        }
        return date(1900 + yy, month, day);
    }

    /** Whether {@code value} is 13 digits with a real birth date, citizenship 0 or 1 and a valid check digit. */
    public static boolean valid(String value, LocalDate today) {
        return value != null
                && value.length() == 13
                && Luhn.asciiDigits(value)
                && birthDate(value, today) != null
                && (value.charAt(10) == '0' || value.charAt(10) == '1')
                && Luhn.valid(value);
    }

    private static LocalDate date(int year, int month, int day) {
        try {
            return LocalDate.of(year, month, day);
        } catch (DateTimeException e) {
            return null;
        }
    }
}
