package io.comply360.gateway.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.config.spi.ConfigSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The gateway's upstreams from the service manifest ({@code services.json}, packaged into the gateway at build time):
 * {@code comply360.gateway.upstreams.<name>=http://127.0.0.1:<port>} for every service the manifest marks as
 * {@code upstream}, so a new service is routed without editing the gateway. Ordinal 90, below
 * {@code application.properties} and the environment: a deployment points each upstream at its Kubernetes
 * Service with {@code COMPLY360_GATEWAY_UPSTREAMS_<NAME>}.
 */
public class ServiceManifestConfigSource implements ConfigSource {

    static final String RESOURCE = "comply360/services.json";
    private static final String PREFIX = "comply360.gateway.upstreams.";

    private final Map<String, String> properties;

    public ServiceManifestConfigSource() {
        this.properties = read();
    }

    private static Map<String, String> read() {
        try (InputStream in = ServiceManifestConfigSource.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the gateway's classpath");
            }
            Map<String, String> upstreams = new HashMap<>();
            for (JsonNode service : new ObjectMapper().readTree(in).path("services")) {
                if (service.path("upstream").asBoolean()) {
                    upstreams.put(
                            PREFIX + service.path("name").asText(),
                            "http://127.0.0.1:" + service.path("port").asInt());
                }
            }
            return Map.copyOf(upstreams);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + RESOURCE, e);
        }
    }

    @Override
    public Map<String, String> getProperties() {
        return properties;
    }

    @Override
    public Set<String> getPropertyNames() {
        return properties.keySet();
    }

    @Override
    public String getValue(String propertyName) {
        return properties.get(propertyName);
    }

    @Override
    public String getName() {
        return "comply360 service manifest (" + RESOURCE + ")";
    }

    @Override
    public int getOrdinal() {
        return 90;
    }
}
