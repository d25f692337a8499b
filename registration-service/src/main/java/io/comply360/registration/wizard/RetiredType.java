package io.comply360.registration.wizard;

import java.time.LocalDate;
import java.util.Map;

/** A filing type that may no longer be started (new close corporations since 2011), with why, per language. */
public record RetiredType(String country, String type, LocalDate since, Map<String, String> message) {

    public RetiredType {
        message = Map.copyOf(message);
    }
}
