package io.comply360.registration.wizard.rules;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import io.comply360.registration.wizard.FieldPath;

/**
 * {@code vat-liability}: {@code taxableSupplies} (12 months, rand) measured on {@code thresholdDate} decide the kind
 * of VAT registration under the thresholds in force on that date: compulsory at or above the compulsory threshold,
 * voluntary at or above the voluntary one, none below. A compulsory application later than the statutory business
 * days after the threshold date is still filed, with a warning.
 *
 * <p>The three fields sit in one object: the one {@code params.at} names, else the data itself when it has
 * {@code taxableSupplies}, else (definition level) the step whose data has it.
 */
final class VatLiability implements Rule {

    private static final String SUPPLIES = "taxableSupplies";
    private static final String DATE = "thresholdDate";
    private static final String KIND = "registrationKind";

    @Override
    public void check(JsonNode params, RuleContext context) {
        Optional<FieldPath.Located> found = liability(params, context.data());
        if (found.isEmpty()) {
            return;
        }
        String at = found.get().path();
        JsonNode data = found.get().node();
        JsonNode supplies = data.path(SUPPLIES);
        LocalDate date = date(data.path(DATE));
        if (!supplies.isNumber() || date == null) {
            return;
        }
        Optional<VatThresholds.Threshold> threshold = context.vatThresholds().on(date);
        if (threshold.isEmpty()) {
            context.error(FieldPath.child(at, DATE), "no VAT thresholds are known for " + date);
            return;
        }
        BigDecimal amount = supplies.decimalValue();
        String kind = data.path(KIND).asText("");
        BigDecimal compulsory = threshold.get().compulsory();
        BigDecimal voluntary = threshold.get().voluntary();
        if (amount.compareTo(compulsory) >= 0) {
            if (!"compulsory".equals(kind)) {
                context.error(
                        FieldPath.child(at, KIND),
                        "must be compulsory: taxable supplies of " + rand(amount)
                                + " reach the compulsory threshold of " + rand(compulsory) + " in force on " + date);
            }
            int days = context.vatThresholds().applyWithinBusinessDays();
            LocalDate due = context.workingDays().plusBusinessDays("ZA", date, days);
            if (context.today().isAfter(due)) {
                context.warning(
                        FieldPath.child(at, DATE),
                        "the application was due by " + due + " (" + days
                                + " business days after the threshold was crossed)");
            }
        } else if (amount.compareTo(voluntary) >= 0) {
            if (!"voluntary".equals(kind)) {
                context.error(
                        FieldPath.child(at, KIND),
                        "must be voluntary: taxable supplies of " + rand(amount) + " are below the compulsory threshold"
                                + " of " + rand(compulsory) + " in force on " + date);
            }
        } else {
            context.error(
                    FieldPath.child(at, SUPPLIES),
                    "is below the voluntary threshold of " + rand(voluntary) + " in force on " + date);
        }
    }

    private static Optional<FieldPath.Located> liability(JsonNode params, JsonNode data) {
        if (params.path("at").isTextual()) {
            String at = params.get("at").asText();
            return Optional.of(new FieldPath.Located(at, FieldPath.at(data, at)));
        }
        if (data.has(SUPPLIES)) {
            return Optional.of(new FieldPath.Located("", data));
        }
        Iterator<Map.Entry<String, JsonNode>> steps = data.fields();
        while (steps.hasNext()) {
            Map.Entry<String, JsonNode> step = steps.next();
            if (step.getValue().has(SUPPLIES)) {
                return Optional.of(new FieldPath.Located(step.getKey(), step.getValue()));
            }
        }
        return Optional.empty();
    }

    private static LocalDate date(JsonNode node) {
        try {
            return node.isTextual() ? LocalDate.parse(node.asText()) : null;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String rand(BigDecimal amount) {
        return "R" + new DecimalFormat("#,##0.##", DecimalFormatSymbols.getInstance(Locale.ENGLISH)).format(amount);
    }
}
