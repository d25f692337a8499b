package io.comply360.platform.web;

import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.MDC;

import io.quarkus.vertx.http.ManagementInterface;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Correlation ids. Every request gets an {@code X-Request-Id}: the caller's when it is a sane token, a new
 * one otherwise. It is echoed on the response, put in the log context ({@code requestId}) with the W3C
 * trace id when a {@code traceparent} came in, and carried by problem documents. Installed on the Vert.x
 * routers (the API's and the management interface's) before anything else, so health and metrics requests are
 * covered too.
 */
@ApplicationScoped
public class RequestIds {

    public static final String HEADER = "X-Request-Id";
    public static final String TRACEPARENT = "traceparent";
    public static final String MDC_REQUEST_ID = "requestId";
    public static final String MDC_TRACE_ID = "traceId";

    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._:-]{8,128}");
    private static final Pattern TRACEPARENT_FORMAT =
            Pattern.compile("[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}");

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::handle);
    }

    void installOnManagement(@Observes ManagementInterface management) {
        management.router().route().order(Integer.MIN_VALUE).handler(this::handle);
    }

    private void handle(RoutingContext rc) {
        String id = accept(rc.request().getHeader(HEADER));
        rc.put(MDC_REQUEST_ID, id);
        MDC.put(MDC_REQUEST_ID, id);
        MDC.remove(MDC_TRACE_ID);
        String traceparent = rc.request().getHeader(TRACEPARENT);
        if (traceparent != null) {
            var matcher = TRACEPARENT_FORMAT.matcher(traceparent);
            if (matcher.matches()) {
                MDC.put(MDC_TRACE_ID, matcher.group(1));
            }
        }
        rc.response().headers().set(HEADER, id);
        rc.next();
    }

    /** The caller's id when it is safe to log and echo, otherwise a fresh one. */
    public static String accept(String offered) {
        return offered != null && SAFE_ID.matcher(offered).matches()
                ? offered
                : UUID.randomUUID().toString();
    }

    /** The id of the request being served, or {@code null} outside a request. */
    public static String current() {
        Object id = MDC.get(MDC_REQUEST_ID);
        return id == null ? null : id.toString();
    }
}
