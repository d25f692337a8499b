package io.comply360.platform.broker;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The envelope of every event: CloudEvents 1.0 (JSON) plus the extensions {@code tenantid} and
 * {@code correlationid}. Unknown attributes are ignored so that additive changes never break consumers. Read and
 * written by the ObjectMapper directly (not through a REST endpoint), hence registered for reflection.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@RegisterForReflection
public record CloudEvent(
        String specversion,
        String id,
        String type,
        String source,
        String time,
        String subject,
        String dataschema,
        String datacontenttype,
        String tenantid,
        String correlationid,
        JsonNode data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String CONTENT_TYPE = "application/cloudevents+json";

    /** The event's tenant; an event without a valid one can never be handled (a dead letter at once). */
    public java.util.UUID requireTenant() {
        if (tenantid == null) {
            throw new PermanentEventException(type + " without tenantid");
        }
        try {
            return java.util.UUID.fromString(tenantid);
        } catch (IllegalArgumentException e) {
            throw new PermanentEventException(type + " with a tenantid that is no UUID");
        }
    }

    /** The envelope's own rules; an event that breaks them can never be processed (it goes to the DLQ). */
    public void requireWellFormed() {
        StringBuilder missing = new StringBuilder();
        check(missing, "id", id);
        check(missing, "type", type);
        check(missing, "source", source);
        check(missing, "time", time);
        check(missing, "dataschema", dataschema);
        if (!SPEC_VERSION.equals(specversion)) {
            missing.append(" specversion(1.0)");
        }
        if (data == null || !data.isObject()) {
            missing.append(" data");
        }
        if (!missing.isEmpty()) {
            throw new PermanentEventException("Malformed event envelope, missing or invalid:" + missing);
        }
    }

    private static void check(StringBuilder missing, String name, String value) {
        if (value == null || value.isBlank()) {
            missing.append(' ').append(name);
        }
    }
}
