package io.comply360.gateway;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;

import io.comply360.gateway.RouteRules.Rule;
import io.comply360.platform.error.ProblemType;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.IdTokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * First on the portal's streams, {@code /portal/api/**}: a portal page listens to a stream of the API
 * ({@code /portal/api/v1/notifications/stream} is {@code GET /api/v1/notifications/stream}) with its session
 * cookie, which is all a browser's {@code EventSource} can send and which the API itself never accepts. Only a
 * portal session passes (none: 401 — a sign-in redirect is of no use to an {@code EventSource}), and only to a
 * route the role matrix marks {@code stream} (anything else: 404). The checks after this are the API's: role
 * matrix, agency of the host, rate limit; the service is called as an API client would call it, with the user's
 * own access token and without the session cookie.
 * <p>
 * A stream is a GET that changes nothing, so serving it for a cookie opens no way to forge a request across
 * sites; and the session cookie is {@code SameSite=Lax}, so another site's page cannot open it at all.
 */
@ApplicationScoped
public class PortalSessionRequired implements Handler<RoutingContext> {

    static final String PREFIX = "/portal";

    /** Where the request to the service is described: its URI on the service and the access token it carries. */
    static final String FORWARD = "comply360.portal-forward";

    /** How the service is called for a portal stream. */
    record Forward(String uri, String accessToken) {}

    private final RouteRules rules;

    public PortalSessionRequired(RouteRules rules) {
        this.rules = rules;
    }

    @Override
    public void handle(RoutingContext rc) {
        rc.request().pause();
        AccessTokenCredential access = accessToken(BearerTokenRequired.identity(rc));
        JsonWebToken token = access == null ? null : claims(access.getToken());
        if (token == null) {
            ProblemAnswers.send(rc, ProblemType.UNAUTHENTICATED, "Sign in to the portal first");
            return;
        }
        HttpServerRequest request = rc.request();
        String path = request.path().substring(PREFIX.length());
        Optional<Rule> rule = rules.matchPublic(request.method().name(), path).filter(Rule::stream);
        if (rule.isEmpty()) {
            ProblemAnswers.send(rc, ProblemType.NOT_FOUND, "The portal serves only the API's streams here");
            return;
        }
        rc.put(BodyLimits.RULE, rule.get());
        rc.put(BearerTokenRequired.TOKEN, token);
        rc.put(AccessLog.USER, token.getSubject());
        rc.put(FORWARD, new Forward(request.query() == null ? path : path + "?" + request.query(), access.getToken()));
        rc.next();
    }

    /** The access token of a portal session (the code flow's, known by its ID token), or null. */
    private static AccessTokenCredential accessToken(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous() || identity.getCredential(IdTokenCredential.class) == null) {
            return null;
        }
        AccessTokenCredential access = identity.getCredential(AccessTokenCredential.class);
        return access == null || access.isOpaque() ? null : access;
    }

    /**
     * The access token's claims. Quarkus verified the token when the session was established or refreshed (the
     * portal takes its roles from it, {@code roles.source=accesstoken}), and it has been sealed in the encrypted
     * session cookie since; it is read here as the services will read it.
     */
    private static JsonWebToken claims(String raw) {
        String[] parts = raw.split("\\.");
        if (parts.length != 3) {
            return null;
        }
        try {
            JwtClaims claims =
                    JwtClaims.parse(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
            claims.setClaim(Claims.raw_token.name(), raw);
            return new DefaultJWTCallerPrincipal(claims);
        } catch (InvalidJwtException | IllegalArgumentException e) {
            return null;
        }
    }
}
