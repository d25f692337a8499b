package io.comply360.gateway;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.comply360.platform.error.ProblemType;
import io.quarkus.oidc.IdTokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * First on the API: only a bearer token authorises it. Quarkus OIDC has verified any token before this runs (a
 * bad one never gets here, {@link FailureAnswers} answers it); this refuses a request without one, and one
 * that comes with a portal session instead (code flow, identified by its ID token) even if its cookie is
 * presented here, so that the API cannot be driven cross-site (CSRF).
 * <p>
 * First, so that a caller who is nobody learns nothing about the routes (404, 405, 403). It also pauses the
 * request: its body stays unread while the next handlers wait for tenant-service and Redis, and is streamed to
 * the service by the last one.
 */
@ApplicationScoped
public class BearerTokenRequired implements Handler<RoutingContext> {

    /**
     * Where the token the request is served for is kept: the bearer token here, a portal session's access token
     * ({@link PortalSessionRequired}); none for a webhook, whatever it carries.
     */
    static final String TOKEN = "comply360.token";

    @Override
    public void handle(RoutingContext rc) {
        rc.request().pause();
        SecurityIdentity identity = identity(rc);
        if (identity == null || identity.isAnonymous() || identity.getCredential(IdTokenCredential.class) != null) {
            rc.response().putHeader("WWW-Authenticate", "Bearer");
            ProblemAnswers.send(rc, ProblemType.UNAUTHENTICATED, "A valid bearer token is required");
            return;
        }
        if (identity.getPrincipal() instanceof JsonWebToken token) {
            rc.put(TOKEN, token);
            rc.put(AccessLog.USER, token.getSubject());
        }
        rc.next();
    }

    static SecurityIdentity identity(RoutingContext rc) {
        return rc.user() instanceof QuarkusHttpUser user ? user.getSecurityIdentity() : null;
    }

    /** The verified token the request is served for, or null. */
    static JsonWebToken token(RoutingContext rc) {
        return rc.get(TOKEN);
    }
}
