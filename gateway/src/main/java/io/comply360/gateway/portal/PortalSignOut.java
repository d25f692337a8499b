package io.comply360.gateway.portal;

import java.net.URI;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.comply360.gateway.ProblemAnswers;
import io.comply360.platform.error.ProblemType;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Signing out is a POST. Quarkus OIDC signs out on any request to its logout path, whatever the method, so a
 * link or an image on any page could sign a user out; this runs before it: a GET shows a page asking to
 * confirm (its form posts), a POST from another site's page is refused (403; the session cookie is also
 * {@code SameSite=Lax}, which keeps it off cross-site posts), other methods are 405.
 */
@ApplicationScoped
public class PortalSignOut {

    private final Template confirm;

    public PortalSignOut(@Location("PortalSignOut/confirm.html") Template confirm) {
        this.confirm = confirm;
    }

    void install(@Observes Router router) {
        // Before CORS (-300), which would refuse a foreign origin with an empty 403, and before authentication (-200),
        // where Quarkus OIDC acts on the logout path.
        router.route("/portal/logout").order(-350).handler(this::handle);
    }

    private void handle(RoutingContext rc) {
        HttpMethod method = rc.request().method();
        if (method == HttpMethod.GET || method == HttpMethod.HEAD) {
            rc.response()
                    .putHeader(HttpHeaders.CONTENT_TYPE, "text/html; charset=utf-8")
                    .end(confirm.render());
        } else if (method != HttpMethod.POST) {
            rc.response().putHeader(HttpHeaders.ALLOW, "GET, POST");
            ProblemAnswers.send(rc, ProblemType.METHOD_NOT_ALLOWED, "Sign out with a POST");
        } else if (!fromThisSite(rc)) {
            ProblemAnswers.send(rc, ProblemType.FORBIDDEN, "Sign out from the portal's own page");
        } else {
            rc.next();
        }
    }

    /** A browser names the page's origin on every POST; it must be this host (any scheme: TLS ends in front). */
    private static boolean fromThisSite(RoutingContext rc) {
        String origin = rc.request().getHeader(HttpHeaders.ORIGIN);
        if (origin == null) {
            return true;
        }
        HostAndPort authority = rc.request().authority();
        try {
            String host = URI.create(origin).getHost();
            return host != null
                    && authority != null
                    && host.toLowerCase(Locale.ROOT).equals(authority.host().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
