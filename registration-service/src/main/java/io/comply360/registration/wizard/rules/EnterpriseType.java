package io.comply360.registration.wizard.rules;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.comply360.registration.wizard.FieldPath;
import io.comply360.registration.wizard.formats.CipcEnterpriseNumber;

/** {@code enterprise-type}: a CIPC enterprise number's entity type code is one of {@code codes} (23 for a CC). */
final class EnterpriseType implements Rule {

    private static final String NAME = "enterprise-type";

    @Override
    public void check(JsonNode params, RuleContext context) {
        List<String> codes = Params.texts(params, "codes", NAME);
        String message = params.path("message").isTextual()
                ? params.get("message").asText()
                : "must be the registration number of an entity of type " + String.join(" or ", codes);
        for (FieldPath.Located field : FieldPath.resolve(context.data(), Params.text(params, "field", NAME))) {
            if (!field.node().isTextual()) {
                continue;
            }
            CipcEnterpriseNumber.parse(field.node().asText())
                    .filter(parts -> !codes.contains(parts.typeCode()))
                    .ifPresent(parts -> context.error(field.path(), message));
        }
    }
}
