package io.comply360.registration.wizard.rules;

import java.math.BigDecimal;

import com.fasterxml.jackson.databind.JsonNode;

import io.comply360.registration.wizard.FieldPath;

/** {@code sum-equals}: a number field of every item totals exactly {@code total} (shareholdings total 100 %). */
final class SumEquals implements Rule {

    private static final String NAME = "sum-equals";

    @Override
    public void check(JsonNode params, RuleContext context) {
        String field = Params.text(params, "field", NAME);
        BigDecimal total = Params.number(params, "total", NAME);
        for (FieldPath.Located items : FieldPath.resolve(context.data(), Params.text(params, "items", NAME))) {
            if (!items.node().isArray()) {
                continue;
            }
            BigDecimal sum = BigDecimal.ZERO;
            for (JsonNode item : items.node()) {
                if (item.path(field).isNumber()) {
                    sum = sum.add(item.path(field).decimalValue());
                }
            }
            if (sum.compareTo(total) != 0) {
                context.error(
                        items.path(),
                        "the " + field + " values must total " + plain(total) + " (they total " + plain(sum) + ")");
            }
        }
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }
}
