package io.comply360.registration.wizard;

import com.fasterxml.jackson.databind.JsonNode;

/** A named cross-field rule of a step or definition, with its parameters (see wizard-format.md). */
public record RuleRef(String name, JsonNode params) {}
