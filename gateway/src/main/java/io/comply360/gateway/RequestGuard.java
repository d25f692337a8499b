package io.comply360.gateway;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.comply360.platform.error.ProblemType;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Refuses, before anything else looks at a request, what the gateway must not judge differently from the
 * services behind it, and what is too large to be a request: a path not in normal form (400), a request
 * line over {@code max-uri-length} (414) and headers over {@code max-header-size} (431).
 * <p>
 * Services route on the normalised path (dot segments resolved, unreserved characters decoded, matrix
 * parameters dropped, path parameters decoded after matching), while the role rules here match the path as
 * sent: a path that normalises to something else ({@code /api/v1/tenants/.}) could pass the rules of one route
 * and be served by another. Such paths never occur in honest use, so they are refused rather than rewritten.
 * <p>
 * Vert.x answers a request line or headers beyond its decoder's limits with an empty 414/431 before any
 * handler runs, and Quarkus offers no hook for that (no access to {@code HttpServer#invalidRequestHandler}).
 * So the decoder's limits ({@code quarkus.http.limits.max-initial-line-length}, {@code max-header-size}) are
 * set well above these, and the limits clients meet are enforced here with a problem document.
 */
@ApplicationScoped
public class RequestGuard {

    private final int maxUriLength;
    private final long maxHeaderSize;

    public RequestGuard(GatewayConfig config) {
        this.maxUriLength = config.maxUriLength();
        this.maxHeaderSize = config.maxHeaderSize().asLongValue();
    }

    void install(@Observes Router router) {
        // After the request id, the access log and the caching rules, before any route matches a path.
        router.route().order(Integer.MIN_VALUE + 3).handler(this::check);
    }

    private void check(RoutingContext rc) {
        String uri = rc.request().uri();
        if (uri.length() > maxUriLength) {
            ProblemAnswers.send(
                    rc,
                    ProblemType.URI_TOO_LONG,
                    "The request's address is longer than " + maxUriLength + " characters");
            return;
        }
        long headers = 0;
        for (Map.Entry<String, String> header : rc.request().headers()) {
            headers += header.getKey().length() + header.getValue().length() + 4;
        }
        if (headers > maxHeaderSize) {
            ProblemAnswers.send(
                    rc,
                    ProblemType.REQUEST_HEADER_FIELDS_TOO_LARGE,
                    "The request's headers are larger than " + maxHeaderSize / 1024 + " KB");
            return;
        }
        String refusal = NormalPath.refusal(rc.request().path());
        if (refusal != null) {
            ProblemAnswers.send(rc, ProblemType.MALFORMED_REQUEST, refusal);
            return;
        }
        rc.next();
    }
}
