package io.comply360.registration.wizard.rules;

import java.util.Map;
import java.util.Set;

/** The rules a definition may name (a fixed table: native images load no classes by name). */
public final class Rules {

    private static final Map<String, Rule> BY_NAME = Map.of(
            "sum-equals", new SumEquals(),
            "min-items", new MinItems(),
            "unique", new Unique(),
            "unique-values", new UniqueValues(),
            "first-financial-year", new FirstFinancialYear(),
            "date-within", new DateWithin(),
            "beneficial-owners-cover-shareholders", new BeneficialOwnersCoverShareholders(),
            "vat-liability", new VatLiability(),
            "enterprise-type", new EnterpriseType());

    private Rules() {}

    public static Set<String> names() {
        return BY_NAME.keySet();
    }

    /** The rule; IllegalArgumentException for a name no definition may use. */
    public static Rule named(String name) {
        Rule rule = BY_NAME.get(name);
        if (rule == null) {
            throw new IllegalArgumentException("Unknown rule " + name);
        }
        return rule;
    }
}
