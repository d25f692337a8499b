package io.comply360.platform.broker;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.Nullable;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * An event type with its payload record: the typed contract producers publish and consumers read. The contracts
 * of every exchange live in the {@code contracts} module, next to their JSON schemas
 * ({@code docs/events/<type>.v<n>.schema.json}), and a test there proves each record and its schema agree.
 *
 * <p>A payload's components are required unless annotated {@link Nullable}; unknown fields are ignored, so an
 * additive change to a payload never breaks a consumer (a breaking one is a new version).
 */
public record EventContract<T extends Record>(EventType type, Class<T> payload) {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    public static <T extends Record> EventContract<T> of(String exchange, String type, int version, Class<T> payload) {
        return new EventContract<>(new EventType(exchange, type, version), payload);
    }

    /** Whether {@code event} is of this contract's type (any version: {@link #read} checks the version). */
    public boolean matches(CloudEvent event) {
        return type.type().equals(event.type());
    }

    /**
     * The event's payload as this contract's record. An event of another type or version, or whose data does not
     * fit the record (a wrong type, a required field missing), can never be processed: it throws
     * {@link PermanentEventException}, and the event goes to the DLQ naming what is wrong.
     */
    public T read(CloudEvent event) {
        if (!type.type().equals(event.type()) || !type.dataschema().equals(event.dataschema())) {
            throw new PermanentEventException("Expected an event " + type.dataschema() + ", got " + event.type() + " ("
                    + event.dataschema() + ")");
        }
        T data;
        try {
            data = JSON.treeToValue(event.data(), payload);
        } catch (Exception e) {
            throw new PermanentEventException(type.dataschema() + " whose data does not fit its contract: "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
        List<String> missing = new ArrayList<>();
        for (RecordComponent component : payload.getRecordComponents()) {
            if (!component.isAnnotationPresent(Nullable.class) && valueOf(component, data) == null) {
                missing.add(component.getName());
            }
        }
        if (!missing.isEmpty()) {
            throw new PermanentEventException(type.dataschema() + " without " + String.join(", ", missing));
        }
        return data;
    }

    private static Object valueOf(RecordComponent component, Record data) {
        try {
            return component.getAccessor().invoke(data);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot read " + component, e);
        }
    }
}
