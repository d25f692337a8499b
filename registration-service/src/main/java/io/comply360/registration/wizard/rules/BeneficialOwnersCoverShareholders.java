package io.comply360.registration.wizard.rules;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.comply360.registration.wizard.FieldPath;

/**
 * {@code beneficial-owners-cover-shareholders}: every natural-person shareholder holding {@code threshold} % or
 * more is among the beneficial owners, matched by {@code idNumber} or {@code passportNumber}. A shareholder is a
 * natural person unless its {@code kind} says otherwise ({@code "juristic"}); its holding is {@code percentage}.
 * Owners who hold indirectly cannot be derived from the shareholders, so only this direction is checked.
 */
final class BeneficialOwnersCoverShareholders implements Rule {

    private static final String NAME = "beneficial-owners-cover-shareholders";
    private static final List<String> IDENTITIES = List.of("idNumber", "passportNumber");

    @Override
    public void check(JsonNode params, RuleContext context) {
        String ownersPath = Params.text(params, "owners", NAME);
        BigDecimal threshold = Params.number(params, "threshold", NAME);
        JsonNode shareholders = FieldPath.at(context.data(), Params.text(params, "shareholders", NAME));
        JsonNode owners = FieldPath.at(context.data(), ownersPath);
        Set<String> ownerIdentities = new HashSet<>();
        for (JsonNode owner : owners) {
            ownerIdentities.addAll(identities(owner));
        }
        for (JsonNode shareholder : shareholders) {
            boolean natural = !shareholder.has("kind")
                    || "natural".equals(shareholder.path("kind").asText());
            JsonNode percentage = shareholder.path("percentage");
            if (!natural || !percentage.isNumber() || percentage.decimalValue().compareTo(threshold) < 0) {
                continue;
            }
            Set<String> identities = identities(shareholder);
            if (!identities.isEmpty() && identities.stream().noneMatch(ownerIdentities::contains)) {
                context.error(
                        ownersPath,
                        "must include " + name(shareholder) + ", who holds "
                                + percentage.decimalValue().toPlainString()
                                + " % (natural-person shareholders with " + threshold.toPlainString()
                                + " % or more are beneficial owners)");
            }
        }
    }

    private static Set<String> identities(JsonNode person) {
        Set<String> identities = new HashSet<>();
        for (String field : IDENTITIES) {
            JsonNode value = person.path(field);
            if (value.isTextual() && !value.asText().isBlank()) {
                identities.add(value.asText().replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT));
            }
        }
        return identities;
    }

    private static String name(JsonNode person) {
        if (person.path("name").isTextual()) {
            return person.get("name").asText();
        }
        return (person.path("firstNames").asText("") + " "
                        + person.path("surname").asText(""))
                .trim();
    }
}
