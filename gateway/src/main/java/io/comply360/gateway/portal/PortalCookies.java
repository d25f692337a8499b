package io.comply360.gateway.portal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.impl.ServerCookie;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Every cookie the portal sets or clears (the session, Quarkus OIDC's state and post-logout cookies, the ones
 * {@link SessionRevocations} clears) is {@code SameSite=Lax}, so a browser never sends it with another site's
 * requests other than a top-level navigation. Quarkus OIDC leaves the attribute off some of them, and cookies
 * it clears are written from the cookie jar without passing {@code addCookie}: they are given it here, just
 * before the headers go out.
 */
@ApplicationScoped
public class PortalCookies {

    void install(@Observes Router router) {
        router.route("/portal*").order(Integer.MIN_VALUE + 2).handler(rc -> {
            rc.addHeadersEndHandler(ignored -> sameSite(rc));
            rc.next();
        });
    }

    private static void sameSite(RoutingContext rc) {
        for (Cookie cookie : rc.request().cookies()) {
            // Only cookies this answer sets or clears: the others were merely sent by the browser.
            if (cookie instanceof ServerCookie set
                    && set.isChanged()
                    && cookie.getName().startsWith("q_")
                    && cookie.getSameSite() == null) {
                cookie.setSameSite(CookieSameSite.LAX);
            }
        }
    }
}
