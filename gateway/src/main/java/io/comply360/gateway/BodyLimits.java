package io.comply360.gateway;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.comply360.gateway.RouteRules.Rule;
import io.comply360.platform.error.ProblemType;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * How large a request's body may be: the limit its route declares in the role matrix ({@code maxBody}), else
 * {@code max-body-size} (256 KB, the JSON APIs), unless {@code route-limits} overrides it. A request that
 * announces a larger body is refused with 413 here, before anything reaches a service; a body without a length
 * is counted as it streams ({@link BoundedBody}).
 * <p>
 * Quarkus answers a {@code Content-Length} over {@code quarkus.http.limits.max-body-size} itself, with an empty
 * 413, in a route of order -2 ({@code HttpServerCommonHandlers.enforceMaxBodySize}). This check runs just before
 * it, and the gateway refuses to start when Quarkus' limit is below its largest route limit.
 */
@ApplicationScoped
public class BodyLimits {

    /** Where the request's public route (if any) is kept for later handlers. */
    static final String RULE = "comply360.rule";

    static final String LIMIT = "comply360.body-limit";

    private final RouteRules rules;
    private final long defaultLimit;
    private final Map<String, Long> overrides = new HashMap<>();

    public BodyLimits(
            RouteRules rules,
            GatewayConfig config,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> quarkusLimit) {
        this.rules = rules;
        this.defaultLimit = config.maxBodySize().asLongValue();
        config.routeLimits().forEach((route, limit) -> {
            if (rules.all().stream().noneMatch(rule -> rule.name().equals(route))) {
                throw new IllegalStateException("comply360.gateway.route-limits names \"" + route
                        + "\", which is not a route of the role matrix (write it as \"METHOD /path/{template}\")");
            }
            overrides.put(route, limit.asLongValue());
        });
        long largest = rules.all().stream()
                .filter(rule -> !rule.internal())
                .mapToLong(this::limitOf)
                .max()
                .orElse(defaultLimit);
        if (quarkusLimit.isPresent() && quarkusLimit.get().asLongValue() < Math.max(largest, defaultLimit)) {
            throw new IllegalStateException(
                    "quarkus.http.limits.max-body-size (" + quarkusLimit.get().asLongValue()
                            + " bytes) is below the largest route body limit (" + Math.max(largest, defaultLimit)
                            + " bytes): Quarkus would answer those bodies with an empty 413");
        }
    }

    long limitOf(Rule rule) {
        Long override = overrides.get(rule.name());
        return override != null
                ? override
                : rule.maxBody().map(MemorySize::asLongValue).orElse(defaultLimit);
    }

    void install(@Observes Router router) {
        // After authentication (-200) and authorisation (-100), before Quarkus' own limit (-2).
        router.route().order(-3).handler(this::check);
    }

    private void check(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        Optional<Rule> rule = rules.matchPublic(request.method().name(), request.path());
        long limit = rule.map(this::limitOf).orElse(defaultLimit);
        rule.ifPresent(r -> rc.put(RULE, r));
        rc.put(LIMIT, limit);
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            long declared;
            try {
                declared = Long.parseLong(length);
            } catch (NumberFormatException e) {
                ProblemAnswers.send(rc, ProblemType.MALFORMED_REQUEST, "Content-Length is not a number");
                return;
            }
            if (declared > limit) {
                ProblemAnswers.send(
                        rc,
                        ProblemType.PAYLOAD_TOO_LARGE,
                        "The body is larger than " + describe(limit) + ", the limit of "
                                + rule.map(Rule::name).orElse("this address"));
                return;
            }
        }
        rc.next();
    }

    /** 262144 → "256 KB", 1048576 → "1 MB". */
    static String describe(long bytes) {
        if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + " MB";
        }
        if (bytes >= 1024 && bytes % 1024 == 0) {
            return bytes / 1024 + " KB";
        }
        return bytes + " bytes";
    }
}
