package io.comply360.registration.wizard;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/** A slot of the document checklist: one per filing, or one per person of a group; optionally conditional. */
public record DocumentRequirement(String type, Map<String, String> label, Per per, When when, boolean required) {

    /** One slot per item (person) of {@code items} in step {@code step}, keyed by the item's personId. */
    public record Per(String step, String items) {}

    /** Only when {@code field} of step {@code step} equals {@code equals}. */
    public record When(String step, String field, JsonNode equals) {}
}
