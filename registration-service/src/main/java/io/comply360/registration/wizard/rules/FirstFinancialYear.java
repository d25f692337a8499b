package io.comply360.registration.wizard.rules;

import java.time.LocalDate;
import java.time.MonthDay;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import io.comply360.registration.wizard.FieldPath;
import io.comply360.registration.wizard.formats.MonthDayFormat;

/**
 * {@code first-financial-year}: the first financial year, from today (the validator's clock) to the next
 * occurrence of the year-end month-day, is at most {@code maxMonths} long (15 under the Companies Act).
 */
final class FirstFinancialYear implements Rule {

    private static final String NAME = "first-financial-year";

    @Override
    public void check(JsonNode params, RuleContext context) {
        int maxMonths = Params.integer(params, "maxMonths", NAME);
        for (FieldPath.Located field : FieldPath.resolve(context.data(), Params.text(params, "field", NAME))) {
            Optional<MonthDay> yearEnd =
                    field.node().isTextual() ? MonthDayFormat.parse(field.node().asText()) : Optional.empty();
            if (yearEnd.isEmpty()) {
                continue;
            }
            LocalDate today = context.today();
            LocalDate end = firstYearEnd(yearEnd.get(), today);
            if (end.isAfter(today.plusMonths(maxMonths))) {
                context.error(
                        field.path(),
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
}
