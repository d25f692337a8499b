package io.comply360.registration.wizard.rules;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A named cross-field rule. It reads the data through {@link RuleContext} and reports there; data of the wrong
 * shape is skipped (the schema reports it), while broken parameters are a definition bug and throw.
 */
public interface Rule {

    void check(JsonNode params, RuleContext context);
}
