package io.comply360.registration.wizard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads wizard files from the classpath (the context class loader, which native images and Quarkus both serve). */
public final class ClasspathJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ClasspathJson() {}

    /** The JSON at {@code resource} (e.g. {@code wizards/index.json}); IllegalStateException when it is absent. */
    public static JsonNode read(String resource) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("No classpath resource " + resource);
            }
            return MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read classpath resource " + resource, e);
        }
    }
}
