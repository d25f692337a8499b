package io.comply360.gateway;

import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Nothing an agency's user sees may be kept by a browser's or a proxy's cache: API answers and portal pages
 * are {@code Cache-Control: no-store}. A service may still let the user's own browser keep an answer by saying
 * so with a {@code private} directive (the agency logo: {@code private, max-age=…} with an ETag); anything else
 * it says (e.g. {@code public}) is replaced.
 */
@ApplicationScoped
public class CachingRules {

    private static final String NO_STORE = "no-store";

    void install(@Observes Router router) {
        // Early, so that the gateway's own refusals are covered too.
        router.route().order(Integer.MIN_VALUE + 2).handler(this::handle);
    }

    private void handle(RoutingContext rc) {
        String path = rc.request().path();
        if (path != null && (path.startsWith("/api/") || path.startsWith("/portal"))) {
            boolean api = path.startsWith("/api/");
            rc.addHeadersEndHandler(ignored -> {
                String cacheControl = rc.response().headers().get(HttpHeaders.CACHE_CONTROL);
                if (!api
                        || cacheControl == null
                        || !cacheControl.toLowerCase(Locale.ROOT).contains("private")) {
                    rc.response().headers().set(HttpHeaders.CACHE_CONTROL, NO_STORE);
                }
            });
        }
        rc.next();
    }
}
