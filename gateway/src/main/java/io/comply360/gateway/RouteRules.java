package io.comply360.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;

/**
 * Which roles may call which route, which service serves it and how large its body may be: the role matrix
 * ({@code docs/roles.json}, shipped in the gateway as {@code comply360/roles.json}). A route the matrix does
 * not list is not routed.
 */
@ApplicationScoped
public class RouteRules {

    static final String RESOURCE = "comply360/roles.json";

    /**
     * One route of the matrix: method, compiled path template, owning service, scope, allowed roles and the
     * body limit it declares ({@code maxBody}, e.g. {@code "1M"}), if any.
     */
    public record Rule(
            String method,
            String template,
            Pattern path,
            String service,
            String scope,
            Set<String> roles,
            Optional<MemorySize> maxBody) {

        public boolean internal() {
            return scope.equals("internal");
        }

        /** How the route is named in logs, metrics and configuration: {@code GET /api/v1/tenants/{id}}. */
        public String name() {
            return method + " " + template;
        }
    }

    private final List<Rule> rules;

    public RouteRules(ObjectMapper json) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the gateway");
            }
            List<Rule> loaded = new ArrayList<>();
            for (JsonNode route : json.readTree(in).path("routes")) {
                String template = route.path("path").asText();
                Set<String> roles = new java.util.HashSet<>();
                route.path("roles").forEach(role -> roles.add(role.asText()));
                Optional<MemorySize> maxBody = route.hasNonNull("maxBody")
                        ? Optional.of(new MemorySizeConverter()
                                .convert(route.get("maxBody").asText()))
                        : Optional.empty();
                loaded.add(new Rule(
                        route.path("method").asText(),
                        template,
                        compile(template),
                        route.path("service").asText(),
                        route.path("scope").asText(),
                        Set.copyOf(roles),
                        maxBody));
            }
            this.rules = List.copyOf(loaded);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code /api/v1/tenants/{id}} → {@code /api/v1/tenants/[^/]+}, matched against the whole path. */
    static Pattern compile(String template) {
        return Pattern.compile(Pattern.quote(template).replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q"));
    }

    /** The public (routed) rule for this method and path, if any. */
    public Optional<Rule> matchPublic(String method, String path) {
        for (Rule rule : rules) {
            if (!rule.internal()
                    && rule.method().equals(method)
                    && rule.path().matcher(path).matches()) {
                return Optional.of(rule);
            }
        }
        return Optional.empty();
    }

    public List<Rule> all() {
        return rules;
    }

    /** True if some method is routed for this path (so another method is 405, not 404). */
    public boolean knows(String path) {
        return rules.stream()
                .anyMatch(r -> !r.internal() && r.path().matcher(path).matches());
    }
}
