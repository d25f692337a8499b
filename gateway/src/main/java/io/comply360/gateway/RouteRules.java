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
 * Which roles may call which route, which service serves it, how large its body may be and whether its answer is
 * a long-lived stream: the role matrix ({@code docs/roles.json}, shipped in the gateway as
 * {@code comply360/roles.json}). A route the matrix does not list is not routed.
 * <p>
 * Two kinds of routes are served differently, so the gateway refuses to start when one is declared where it would
 * be served wrongly: a {@code webhook} route (a third party's signed callback: no token, no roles, the service
 * verifies the signature) must live under {@code /webhooks/}, and nothing else may; a {@code stream} route (an
 * answer kept open, e.g. Server-Sent Events) must be a GET of the API.
 */
@ApplicationScoped
public class RouteRules {

    static final String RESOURCE = "comply360/roles.json";

    /** Where third parties' signed callbacks are served, and nothing else. */
    static final String WEBHOOKS = "/webhooks/";

    /**
     * One route of the matrix: method, compiled path template, owning service, scope, allowed roles, the body
     * limit it declares ({@code maxBody}, e.g. {@code "1M"}), if any, and whether its answer is a long-lived
     * stream ({@code "stream": true}).
     */
    public record Rule(
            String method,
            String template,
            Pattern path,
            String service,
            String scope,
            Set<String> roles,
            Optional<MemorySize> maxBody,
            boolean stream) {

        public boolean internal() {
            return scope.equals("internal");
        }

        /** A third party's signed callback: served without a token, whoever sends it. */
        public boolean webhook() {
            return scope.equals("webhook");
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
            this.rules = parse(json.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The rules of a role matrix; refuses routes declared where they would be served wrongly. */
    static List<Rule> parse(JsonNode matrix) {
        List<Rule> loaded = new ArrayList<>();
        for (JsonNode route : matrix.path("routes")) {
            String template = route.path("path").asText();
            Set<String> roles = new java.util.HashSet<>();
            route.path("roles").forEach(role -> roles.add(role.asText()));
            Optional<MemorySize> maxBody = route.hasNonNull("maxBody")
                    ? Optional.of(new MemorySizeConverter()
                            .convert(route.get("maxBody").asText()))
                    : Optional.empty();
            loaded.add(checked(new Rule(
                    route.path("method").asText(),
                    template,
                    compile(template),
                    route.path("service").asText(),
                    route.path("scope").asText(),
                    Set.copyOf(roles),
                    maxBody,
                    route.path("stream").asBoolean(false))));
        }
        return List.copyOf(loaded);
    }

    private static Rule checked(Rule rule) {
        if (rule.webhook() != rule.template().startsWith(WEBHOOKS)) {
            throw new IllegalStateException(RESOURCE + ": " + rule.name() + " has scope " + rule.scope()
                    + "; webhook routes, and only they, live under " + WEBHOOKS + " (they are served without a token)");
        }
        if (rule.webhook() && !rule.roles().isEmpty()) {
            throw new IllegalStateException(RESOURCE + ": webhook route " + rule.name()
                    + " lists roles; a webhook carries no token, its signature is checked by the service");
        }
        if (rule.stream() && (!rule.method().equals("GET") || rule.internal() || rule.webhook())) {
            throw new IllegalStateException(
                    RESOURCE + ": " + rule.name() + " is declared a stream; only GET routes of the API can be");
        }
        return rule;
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
