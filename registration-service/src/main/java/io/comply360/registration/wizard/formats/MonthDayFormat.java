package io.comply360.registration.wizard.formats;

import java.time.DateTimeException;
import java.time.MonthDay;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A day of the year written {@code --MM-DD} (XML Schema gMonthDay), such as a financial year end; 29 Feb allowed. */
public final class MonthDayFormat implements DomainFormat {

    private static final Pattern SHAPE = Pattern.compile("--(\\d{2})-(\\d{2})");

    @Override
    public String name() {
        return "month-day";
    }

    /** The month-day, when the value is a real one. */
    public static Optional<MonthDay> parse(String value) {
        Matcher matcher = SHAPE.matcher(value);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(MonthDay.of(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2))));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    @Override
    public FormatCheck check(String value) {
        return parse(value).isPresent()
                ? FormatCheck.ok()
                : FormatCheck.error("must be a day of the year written --MM-DD, like --02-28");
    }
}
