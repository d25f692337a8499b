package io.comply360.gateway;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.comply360.gateway.portal.SessionRevocations;
import io.comply360.platform.error.ProblemType;
import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.vertx.core.VertxException;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Requests that failed before or outside a route of the gateway are answered with problem+json too: an
 * authentication failure (expired, wrong audience, foreign signer) is 401, a request Vert.x Web refused before
 * any handler ran (a missing or malformed Host or {@code :authority}) keeps its status, and an unexpected
 * error is a 500 without internals. Security redirects (the portal's sign-in) are left to Quarkus.
 */
@ApplicationScoped
public class FailureAnswers {

    void install(@Observes Router router) {
        router.route().order(-1000).failureHandler(this::handle);
    }

    private void handle(RoutingContext rc) {
        Throwable failure = rc.failure();
        if (rc.response().headWritten()) {
            rc.next();
            return;
        }
        if (authenticationFailed(failure)) {
            unauthenticated(rc);
        } else if (failure == null || failure instanceof VertxException) {
            int status = rc.statusCode() >= 400 ? rc.statusCode() : 500;
            if (status >= 500 && failure != null) {
                // The message is Vert.x's (a closed connection, a bug in a handler): for the log, not the client.
                Log.error("Request failed unexpectedly", failure);
            }
            ProblemAnswers.send(
                    rc,
                    status,
                    status == 400 && rc.request().authority() == null
                            ? "The Host header (HTTP/1.1) or :authority (HTTP/2) is missing or not a valid host[:port]"
                            : null);
        } else if (securityFlow(failure)) {
            rc.next();
        } else {
            Log.error("Request failed unexpectedly", failure);
            ProblemAnswers.send(
                    rc, ProblemType.INTERNAL_ERROR, "Something went wrong on our side; quote the request id");
        }
    }

    /**
     * A portal page whose session cookie cannot be used (tampered, or sealed with another secret) sends the
     * browser back to the page: Quarkus has already cleared the cookie, so that visit starts a fresh sign-in.
     */
    private void unauthenticated(RoutingContext rc) {
        if (rc.request().path().startsWith("/portal")) {
            if (rc.request().cookies().stream().anyMatch(c -> c.getName().startsWith("q_session_portal"))) {
                SessionRevocations.signInAgain(rc);
            } else {
                rc.next();
            }
            return;
        }
        rc.response().putHeader("WWW-Authenticate", "Bearer");
        ProblemAnswers.send(rc, ProblemType.UNAUTHENTICATED, "A valid bearer token is required");
    }

    /** An authentication failure, also when it comes wrapped (e.g. raised by an identity augmentor). */
    private static boolean authenticationFailed(Throwable failure) {
        for (Throwable f = failure; f != null; f = f.getCause()) {
            if (f instanceof AuthenticationFailedException) {
                return true;
            }
        }
        return false;
    }

    /** Redirects and refusals of Quarkus security (sign-in redirects, 401/403 of permission checks). */
    private static boolean securityFlow(Throwable failure) {
        String type = failure.getClass().getName();
        return type.startsWith("io.quarkus.security.")
                || type.startsWith("io.quarkus.oidc.")
                || type.startsWith("io.quarkus.vertx.http.runtime.security.");
    }
}
