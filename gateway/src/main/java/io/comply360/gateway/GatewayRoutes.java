package io.comply360.gateway;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.comply360.gateway.RouteRules.Rule;
import io.comply360.gateway.TenantDirectory.TenantInfo;
import io.comply360.platform.error.ProblemType;
import io.quarkus.logging.Log;
import io.quarkus.oidc.IdTokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The public API: every {@code /api/**} request is authenticated (bearer token; Quarkus OIDC has verified
 * it before this runs), matched against the role matrix, checked against the tenant of its host and the
 * agency's rate limit, and only then streamed to the owning service ({@link UpstreamExchange}), unchanged.
 * {@code /internal/**} is never routed.
 */
@ApplicationScoped
public class GatewayRoutes {

    private final RouteRules rules;
    private final TenantHosts hosts;
    private final TenantDirectory tenants;
    private final RateLimiter limiter;
    private final UpstreamExchange exchange;

    public GatewayRoutes(RouteRules rules, TenantHosts hosts, TenantDirectory tenants, RateLimiter limiter,
            UpstreamExchange exchange) {
        this.rules = rules;
        this.hosts = hosts;
        this.tenants = tenants;
        this.limiter = limiter;
        this.exchange = exchange;
    }

    void install(@Observes Router router) {
        router.route("/internal/*").order(10).handler(rc -> ProblemAnswers.send(rc, ProblemType.NOT_FOUND, "Not found"));
        router.route("/api/*").order(10).handler(this::route);
        router.get("/").order(10).handler(rc -> rc.redirect("/portal"));
    }

    private void route(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        request.pause();
        SecurityIdentity identity = rc.user() instanceof QuarkusHttpUser user ? user.getSecurityIdentity() : null;
        // Only a bearer token authorises the API. A portal session (code flow, identified by its ID token)
        // is refused even if its cookie is presented here, so the API cannot be driven cross-site (CSRF).
        if (identity == null || identity.isAnonymous() || identity.getCredential(IdTokenCredential.class) != null) {
            rc.response().putHeader("WWW-Authenticate", "Bearer");
            ProblemAnswers.send(rc, ProblemType.UNAUTHENTICATED, "A valid bearer token is required");
            return;
        }
        JsonWebToken token = identity.getPrincipal() instanceof JsonWebToken jwt ? jwt : null;
        if (token != null) {
            rc.put(AccessLog.USER, token.getSubject());
        }
        Rule rule = rc.get(BodyLimits.RULE);
        if (rule == null) {
            if (rules.knows(request.path())) {
                ProblemAnswers.send(rc, ProblemType.METHOD_NOT_ALLOWED, AccessLog.methodOf(request) + " is not allowed on " + request.path());
            } else {
                ProblemAnswers.send(rc, ProblemType.NOT_FOUND, "No such route");
            }
            return;
        }
        rc.put(AccessLog.ROUTE, rule.name());
        rc.put(AccessLog.SERVICE, rule.service());
        if (identity.getRoles().stream().noneMatch(rule.roles()::contains)) {
            ProblemAnswers.send(rc, ProblemType.FORBIDDEN, "Your role does not allow this");
            return;
        }
        UUID tokenTenant = TenantHosts.tenantOf(token);
        Optional<String> slug = hosts.slugOf(request.authority());
        if (slug == null) {
            ProblemAnswers.send(rc, ProblemType.NOT_FOUND, "This host is not served here");
            return;
        }
        String operator = "platform:" + (token == null ? "anonymous" : token.getSubject());
        if (slug.isEmpty()) {
            if (tokenTenant != null) {
                ProblemAnswers.send(rc, ProblemType.FORBIDDEN, "Use your agency's address, not the operators' one");
            } else {
                rc.put(AccessLog.TENANT, "platform");
                limitThenForward(rc, rule, operator, "platform");
            }
            return;
        }
        tenants.resolve(slug.get(), tokenTenant == null ? operator : tokenTenant.toString()).subscribe().with(
                tenant -> serveTenant(rc, rule, tenant, tokenTenant),
                failure -> {
                    if (failure instanceof TenantDirectory.LookupsThrottled throttled) {
                        rc.response().putHeader("Retry-After", seconds(throttled.retryAfter().toMillis()));
                        ProblemAnswers.send(rc, ProblemType.TOO_MANY_REQUESTS, "Too many addresses looked up; slow down and retry later");
                    } else {
                        Log.errorf("Tenant lookup for %s failed: %s", slug.get(), failure.toString());
                        ProblemAnswers.send(rc, ProblemType.SERVICE_UNAVAILABLE, "tenant-service cannot resolve this address right now");
                    }
                });
    }

    private void serveTenant(RoutingContext rc, Rule rule, Optional<TenantInfo> tenant, UUID tokenTenant) {
        if (tenant.isEmpty()) {
            ProblemAnswers.send(rc, ProblemType.NOT_FOUND, "No agency is served at this address");
            return;
        }
        rc.put(AccessLog.TENANT, tenant.get().slug());
        rc.put(AccessLog.TENANT_ID, tenant.get().id());
        if (!tenant.get().active()) {
            ProblemAnswers.send(rc, ProblemType.FORBIDDEN, "This agency is " + tenant.get().status() + " and cannot be used");
        } else if (!tenant.get().id().equals(tokenTenant)) {
            ProblemAnswers.send(rc, ProblemType.FORBIDDEN, "Your sign-in belongs to another address");
        } else {
            limitThenForward(rc, rule, tenant.get().id().toString(), tenant.get().tier());
        }
    }

    private void limitThenForward(RoutingContext rc, Rule rule, String bucket, String tier) {
        JsonWebToken token = rc.user() instanceof QuarkusHttpUser user
                && user.getSecurityIdentity().getPrincipal() instanceof JsonWebToken jwt ? jwt : null;
        limiter.acquire(bucket, tier, token == null ? null : token.getSubject()).subscribe().with(decision -> {
            if (token != null && decision.revokes(token.getIssuedAtTime())) {
                // Deactivated after this token was issued: it no longer speaks for anyone.
                rc.response().putHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
                ProblemAnswers.send(rc, ProblemType.UNAUTHENTICATED, "This sign-in was withdrawn; sign in again");
            } else if (decision.allowed()) {
                exchange.forward(new ForwardedRequest(rc, rule, rc.<Long>get(BodyLimits.LIMIT)));
            } else {
                rc.response().putHeader("Retry-After", seconds(decision.retryAfter().toMillis()));
                ProblemAnswers.send(rc, ProblemType.TOO_MANY_REQUESTS, "Too many requests for this agency; slow down and retry later");
            }
        }, failure -> {
            // acquire() recovers from Redis failing; should it ever fail, the request is answered, never left hanging.
            Log.error("Forwarding failed unexpectedly", failure);
            ProblemAnswers.send(rc, ProblemType.INTERNAL_ERROR, "Something went wrong on our side; quote the request id");
        });
    }

    private static String seconds(long millis) {
        return Long.toString(Math.max(1, (millis + 999) / 1000));
    }

}
