package io.comply360.gateway;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import io.comply360.gateway.RouteRules.Rule;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * One access-log line and one timer sample per request. The line carries the route template (never the raw
 * path or query, which may hold personal data), the tenant's slug, the caller's user id, the status and the
 * duration as log context fields, so JSON logs (prod) show them as fields; tokens are never logged.
 * The timer {@code comply360.gateway.requests{route,service,tenant,status}} only names tenants the gateway
 * resolved and methods HTTP defines (any other is {@code other}), so made-up hosts and methods cannot blow up
 * its cardinality.
 */
@ApplicationScoped
public class AccessLog {

    static final String ROUTE = "comply360.route";
    static final String SERVICE = "comply360.service";
    static final String TENANT = "comply360.tenant";
    static final String TENANT_ID = "comply360.tenant-id";
    static final String USER = "comply360.user";

    private static final Logger LOG = Logger.getLogger("comply360.access");
    private static final Set<String> KNOWN_METHODS =
            Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "CONNECT");

    private final MeterRegistry metrics;
    private final RouteRules rules;

    public AccessLog(MeterRegistry metrics, RouteRules rules) {
        this.metrics = metrics;
        this.rules = rules;
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 1).handler(this::handle);
    }

    private void handle(RoutingContext rc) {
        long started = System.nanoTime();
        rc.addEndHandler(ignored -> record(rc, System.nanoTime() - started));
        rc.next();
    }

    private void record(RoutingContext rc, long nanos) {
        String path = rc.request().path();
        if (path == null || path.startsWith("/q/")) {
            return;
        }
        // Requests refused before routing (e.g. a bad token) are still attributed to the route they asked for.
        Optional<Rule> rule = rc.get(ROUTE) != null
                ? Optional.empty()
                : rc.get(BodyLimits.RULE) != null
                        ? Optional.of(rc.<Rule>get(BodyLimits.RULE))
                        : rules.matchPublic(rc.request().method().name(), path);
        String route = rule.map(Rule::name)
                .orElse(valueOr(
                        rc.get(ROUTE),
                        methodOf(rc.request()) + (path.startsWith("/portal") ? " /portal pages" : " (no route)")));
        String service = rule.map(Rule::service).orElse(valueOr(rc.get(SERVICE), "gateway"));
        String tenant = valueOr(rc.get(TENANT), "none");
        int status = rc.response().getStatusCode();
        long millis = TimeUnit.NANOSECONDS.toMillis(nanos);
        Timer.builder("comply360.gateway.requests")
                .description("Requests through the gateway")
                .tags("route", route, "service", service, "tenant", tenant, "status", Integer.toString(status))
                .register(metrics)
                .record(nanos, TimeUnit.NANOSECONDS);
        MDC.put("route", route);
        MDC.put("service", service);
        MDC.put("tenant", tenant);
        MDC.put("tenantId", valueOr(rc.get(TENANT_ID), ""));
        MDC.put("userId", valueOr(rc.get(USER), "anonymous"));
        MDC.put("status", status);
        MDC.put("durationMs", millis);
        try {
            LOG.infof("%s %d %d ms", route, status, millis);
        } finally {
            for (String key :
                    new String[] {"route", "service", "tenant", "tenantId", "userId", "status", "durationMs"}) {
                MDC.remove(key);
            }
        }
    }

    /** The method's name, or {@code other} for a method HTTP does not define: clients make up any they like. */
    static String methodOf(HttpServerRequest request) {
        String method = request.method().name();
        return KNOWN_METHODS.contains(method) ? method : "other";
    }

    private static String valueOr(Object value, String fallback) {
        return value == null ? fallback : value.toString();
    }
}
