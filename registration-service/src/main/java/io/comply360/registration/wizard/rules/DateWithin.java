package io.comply360.registration.wizard.rules;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import com.fasterxml.jackson.databind.JsonNode;

import io.comply360.registration.wizard.FieldPath;

/** {@code date-within}: a date not in the future and at most {@code maxAgeDays} old (a name search's validity). */
final class DateWithin implements Rule {

    private static final String NAME = "date-within";

    @Override
    public void check(JsonNode params, RuleContext context) {
        int maxAgeDays = Params.integer(params, "maxAgeDays", NAME);
        String tooOld = params.path("message").isTextual()
                ? params.get("message").asText()
                : "must be at most " + maxAgeDays + " days ago";
        LocalDate today = context.today();
        for (FieldPath.Located field : FieldPath.resolve(context.data(), Params.text(params, "field", NAME))) {
            if (!field.node().isTextual()) {
                continue;
            }
            LocalDate date;
            try {
                date = LocalDate.parse(field.node().asText());
            } catch (DateTimeParseException e) {
                continue;
            }
            if (date.isAfter(today)) {
                context.error(field.path(), "must not be in the future");
            } else if (date.isBefore(today.minusDays(maxAgeDays))) {
                context.error(field.path(), tooOld);
            }
        }
    }
}
