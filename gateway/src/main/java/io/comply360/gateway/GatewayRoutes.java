package io.comply360.gateway;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.comply360.platform.error.ProblemType;
import io.vertx.ext.web.Router;

/**
 * The public API, {@code /api/**}: handlers with one job each, in the order they run. Each either answers with
 * a problem or passes the request on; the last streams it to its service, unchanged. {@code /internal/**} is
 * never routed.
 * <p>
 * Two more ways in share those handlers, each with its own first one: the portal's streams,
 * {@code /portal/api/**} ({@link PortalSessionRequired}: a portal session instead of a bearer token, for the
 * routes the role matrix marks {@code stream}), and third parties' signed callbacks, {@code /webhooks/**}
 * ({@link WebhookSender}: no token, no agency, a rate limit per sender address).
 * <p>
 * Before them, for every request: the request id, {@link AccessLog}, {@link CachingRules}, {@link RequestGuard},
 * then Quarkus' CORS (-300) and authentication (-200, proactive: the token is verified, or the request is
 * anonymous), {@link BodyLimits} (-3, which also matches the request's route) and Quarkus' own body limit (-2).
 * They run after those and after compression (0), and before Quarkus' default routes (10 000), so that no
 * resource or static file ever answers an {@code /api} path.
 */
@ApplicationScoped
public class GatewayRoutes {

    private static final int API = 10;

    private final BearerTokenRequired bearer;
    private final PortalSessionRequired portalSession;
    private final WebhookSender webhookSender;
    private final RoleMatrixCheck roles;
    private final TenantFromHost tenant;
    private final RateLimitCheck rateLimit;
    private final UpstreamExchange upstream;

    public GatewayRoutes(
            BearerTokenRequired bearer,
            PortalSessionRequired portalSession,
            WebhookSender webhookSender,
            RoleMatrixCheck roles,
            TenantFromHost tenant,
            RateLimitCheck rateLimit,
            UpstreamExchange upstream) {
        this.bearer = bearer;
        this.portalSession = portalSession;
        this.webhookSender = webhookSender;
        this.roles = roles;
        this.tenant = tenant;
        this.rateLimit = rateLimit;
        this.upstream = upstream;
    }

    void install(@Observes Router router) {
        router.route("/internal/*")
                .order(API)
                .handler(rc -> ProblemAnswers.send(rc, ProblemType.NOT_FOUND, "Not found"));
        router.route("/api/*").order(API).handler(bearer);
        router.route("/api/*").order(API + 1).handler(roles);
        router.route("/api/*").order(API + 2).handler(tenant);
        router.route("/api/*").order(API + 3).handler(rateLimit);
        router.route("/api/*").order(API + 4).handler(upstream);
        // Before the portal's pages (JAX-RS, far later), after its session checks (SessionRevocations, order 5).
        router.route(PortalSessionRequired.PREFIX + "/api/*").order(API).handler(portalSession);
        router.route(PortalSessionRequired.PREFIX + "/api/*").order(API + 1).handler(roles);
        router.route(PortalSessionRequired.PREFIX + "/api/*").order(API + 2).handler(tenant);
        router.route(PortalSessionRequired.PREFIX + "/api/*").order(API + 3).handler(rateLimit);
        router.route(PortalSessionRequired.PREFIX + "/api/*").order(API + 4).handler(upstream);
        router.route(RouteRules.WEBHOOKS + "*").order(API).handler(webhookSender);
        router.route(RouteRules.WEBHOOKS + "*").order(API + 1).handler(roles);
        router.route(RouteRules.WEBHOOKS + "*").order(API + 3).handler(rateLimit);
        router.route(RouteRules.WEBHOOKS + "*").order(API + 4).handler(upstream);
        router.get("/").order(API).handler(rc -> rc.redirect("/portal"));
    }
}
