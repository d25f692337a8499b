package io.comply360.registration.wizard.rules;

import java.time.LocalDate;
import java.time.MonthDay;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import io.comply360.registration.wizard.FieldPath;
import io.comply360.registration.wizard.formats.MonthDayFormat;

/**
 * {@code first-financial-year}: the first financial year, from today (the validator's clock, standing for the date
 * of incorporation) is at most {@code maxMonths} long (15 under the Companies Act). It ends at the next occurrence of
 * the year-end month-day ({@code field}) unless the filing names its first year end ({@code firstYearEnd}, a date
 * field, optional): then that date must fall on the year end, lie after today and within {@code maxMonths}, which
 * is how a company chooses a first year longer than the months left to its first year end.
 */
final class FirstFinancialYear implements Rule {

    private static final String NAME = "first-financial-year";

    @Override
    public void check(JsonNode params, RuleContext context) {
        int maxMonths = Params.integer(params, "maxMonths", NAME);
        String chosenField = params.path("firstYearEnd").asText(null);
        LocalDate today = context.today();
        for (FieldPath.Located field : FieldPath.resolve(context.data(), Params.text(params, "field", NAME))) {
            Optional<MonthDay> yearEnd =
                    field.node().isTextual() ? MonthDayFormat.parse(field.node().asText()) : Optional.empty();
            if (yearEnd.isEmpty()) {
                continue;
            }
            LocalDate end = firstYearEnd(yearEnd.get(), today);
            String path = field.path();
            if (chosenField != null) {
                for (FieldPath.Located chosen : FieldPath.resolve(context.data(), chosenField)) {
                    Optional<LocalDate> date = date(chosen.node());
                    if (date.isEmpty()) {
                        continue;
                    }
                    if (!onYearEnd(date.get(), yearEnd.get())) {
                        context.error(chosen.path(), "must fall on the financial year end (" + yearEnd.get() + ")");
                        return;
                    }
                    if (!date.get().isAfter(today)) {
                        context.error(chosen.path(), "must be after today");
                        return;
                    }
                    end = date.get();
                    path = chosen.path();
                }
            }
            if (end.isAfter(today.plusMonths(maxMonths))) {
                context.error(
                        path,
                        "the first financial year would end on " + end + ", more than " + maxMonths
                                + " months from today");
            }
        }
    }

    /** The next year end after today (a year end of today itself would make a first year of no days). */
    static LocalDate firstYearEnd(MonthDay yearEnd, LocalDate today) {
        LocalDate end = yearEnd.atYear(today.getYear());
        return end.isAfter(today) ? end : yearEnd.atYear(today.getYear() + 1);
    }

    /** A year end of 29 February falls on the 28th in other years. */
    private static boolean onYearEnd(LocalDate date, MonthDay yearEnd) {
        return yearEnd.atYear(date.getYear()).equals(date);
    }

    private static Optional<LocalDate> date(JsonNode node) {
        if (!node.isTextual()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(node.asText()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
