package io.comply360.registration.wizard;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/** One wizard step: its JSON Schema, the people groups in it, UI hints per field, rules and a valid example. */
public record Step(
        String id,
        Map<String, String> title,
        JsonNode schema,
        List<String> people,
        JsonNode ui,
        List<RuleRef> rules,
        JsonNode example) {}
