package io.comply360.platform.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The role matrix of {@code docs/roles.json} (the machine-readable copy of {@code docs/roles.md}): for each
 * public route, which roles may call it and whether it acts on the caller's tenant or on the platform (or is a
 * third party's signed webhook).
 */
public record RoleMatrix(List<String> roles, List<Route> routes) {

    public static final String FILE = "docs/roles.json";

    /**
     * One route: method, path template ({@code /api/v1/tenants/{id}}), owning service, allowed roles, its body
     * limit if it declares one, and whether its answer is a long-lived stream (Server-Sent Events).
     */
    public record Route(
            String service,
            String method,
            String path,
            Scope scope,
            Set<String> roles,
            String maxBody,
            boolean stream,
            String note) {}

    /**
     * Whom a route acts on: the caller's tenant, the platform (naming a tenant), or other services; or a third
     * party's signed callback ({@code /webhooks/**}: no token, no roles, the service verifies the signature).
     */
    public enum Scope {
        tenant,
        platform,
        internal,
        webhook
    }

    public static RoleMatrix load() {
        Path file = locate();
        try {
            return new ObjectMapper()
                    .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
                    .readValue(file.toFile(), RoleMatrix.class);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    public Route route(String method, String path) {
        return routes.stream()
                .filter(r -> r.method().equals(method) && r.path().equals(path))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        method + " " + path + " is not in " + FILE + ": add it there (and to docs/roles.md) first"));
    }

    public List<Route> routesOf(String service) {
        return routes.stream().filter(r -> r.service().equals(service)).toList();
    }

    /** The project root: the nearest directory above the working directory that holds {@value #FILE}. */
    public static Path locate() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve(FILE);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException(FILE + " not found above " + Path.of("").toAbsolutePath());
    }
}
