package io.comply360.gateway.portal;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.comply360.gateway.GatewayConfig;
import io.comply360.gateway.RedisCalls;
import io.comply360.gateway.revocation.TokenRevocations;
import io.quarkus.logging.Log;
import io.quarkus.oidc.IdTokenCredential;
import io.quarkus.oidc.SecurityEvent;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.Vertx;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;

/**
 * Signing out ends the portal session everywhere. The session cookie carries its tokens, so without this a
 * copy of it (another tab, another device, a stolen cookie) would keep working until its tokens expired. At
 * sign-out the Keycloak session id ({@code sid}) is remembered in Redis, shared by all replicas, for as long as
 * a session may live; a request of that session has its cookie cleared and starts a fresh sign-in. The same
 * happens to a session signed in before its person was deactivated ({@link TokenRevocations}; Keycloak then
 * refuses the new sign-in until they are reactivated). If Redis does not answer, sessions are let through rather
 * than everyone being signed out.
 */
@ApplicationScoped
public class SessionRevocations {

    private static final Duration REMEMBERED = Duration.ofHours(10);

    private final Redis redis;
    private final Vertx vertx;
    private final TokenRevocations revocations;
    private final Duration redisTimeout;

    public SessionRevocations(Redis redis, Vertx vertx, TokenRevocations revocations, GatewayConfig config) {
        this.redis = redis;
        this.vertx = vertx;
        this.revocations = revocations;
        this.redisTimeout = config.rateLimit().redisTimeout();
    }

    void onSignOut(@Observes SecurityEvent event) {
        if (event.getEventType() != SecurityEvent.Type.OIDC_LOGOUT_RP_INITIATED) {
            return;
        }
        String sid = sessionOf(event.getSecurityIdentity());
        if (sid != null) {
            redis.send(Request.cmd(Command.SET).arg(key(sid)).arg("1").arg("EX").arg(REMEMBERED.toSeconds()))
                    .subscribe()
                    .with(
                            ok -> Log.debugf("Portal session %s signed out", sid),
                            failure ->
                                    Log.warnf("Could not record a portal sign-out in Redis: %s", failure.toString()));
        }
    }

    void install(@Observes Router router) {
        // After authentication (the session is known), before the pages.
        router.route("/portal*").order(5).handler(this::refuseSignedOut);
    }

    private void refuseSignedOut(RoutingContext rc) {
        SecurityIdentity identity = rc.user() instanceof QuarkusHttpUser user ? user.getSecurityIdentity() : null;
        String sid = identity == null || identity.getCredential(IdTokenCredential.class) == null
                ? null
                : sessionOf(identity);
        if (sid == null) {
            rc.next();
            return;
        }
        JsonWebToken session = (JsonWebToken) identity.getPrincipal();
        RedisCalls.within(
                        vertx,
                        redis.send(Request.cmd(Command.MGET)
                                .arg(key(sid))
                                .arg(TokenRevocations.key(session.getSubject()))),
                        redisTimeout)
                .subscribe()
                .with(
                        found -> {
                            boolean signedOut = found.get(0) != null;
                            boolean deactivated = found.get(1) != null
                                    && TokenRevocations.revokes(
                                            session.getIssuedAtTime(),
                                            found.get(1).toLong());
                            if (signedOut || deactivated) {
                                signInAgain(rc);
                            } else {
                                rc.next();
                            }
                        },
                        failure -> {
                            Log.warnf("Could not check portal sign-outs in Redis: %s", failure.toString());
                            revocations.unchecked();
                            rc.next();
                        });
    }

    /**
     * Clears the portal session's cookies and sends the browser back to the page it asked for, which then starts
     * a fresh sign-in. For sessions that can no longer be used: signed out, tampered, or sealed with another secret.
     */
    public static void signInAgain(RoutingContext rc) {
        rc.request().cookies().stream()
                .filter(c -> c.getName().startsWith("q_session_portal"))
                .forEach(c -> rc.response()
                        .addCookie(Cookie.cookie(c.getName(), "")
                                .setPath("/portal")
                                .setMaxAge(0)
                                .setHttpOnly(true)));
        rc.response()
                .setStatusCode(302)
                .putHeader(HttpHeaders.LOCATION, rc.request().path())
                .end();
    }

    private static String sessionOf(SecurityIdentity identity) {
        return identity != null && identity.getPrincipal() instanceof JsonWebToken token ? token.getClaim("sid") : null;
    }

    private static String key(String sid) {
        return "comply360:portal:signed-out:" + sid;
    }
}
