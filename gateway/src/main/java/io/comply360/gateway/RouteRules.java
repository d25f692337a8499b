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

/**
 * Which roles may call which route, and which service serves it: the role matrix ({@code docs/roles.json},
 * shipped in the gateway as {@code comply360/roles.json}). A route the matrix does not list is not routed.
 */
@ApplicationScoped
public class RouteRules {

    static final String RESOURCE = "comply360/roles.json";

    /** One route of the matrix: method, compiled path template, owning service, scope and allowed roles. */
    public record Rule(String method, String template, Pattern path, String service, String scope, Set<String> roles) {

        public boolean internal() {
            return scope.equals("internal");
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
                loaded.add(new Rule(route.path("method").asText(), template, compile(template),
                        route.path("service").asText(), route.path("scope").asText(), Set.copyOf(roles)));
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

    public Optional<Rule> match(String method, String path) {
        return rules.stream().filter(r -> r.method().equals(method) && r.path().matcher(path).matches()).findFirst();
    }

    /** True if some method is routed for this path (so another method is 405, not 404). */
    public boolean knows(String path) {
        return rules.stream().anyMatch(r -> !r.internal() && r.path().matcher(path).matches());
    }
}
