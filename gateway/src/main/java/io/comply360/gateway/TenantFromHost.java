package io.comply360.gateway;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.comply360.gateway.RateLimitCheck.Bucket;
import io.comply360.gateway.TenantDirectory.TenantInfo;
import io.comply360.platform.error.ProblemType;
import io.quarkus.logging.Log;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * Third: the host names the agency ({@code {slug}.{base-domain}}, resolved through {@link TenantDirectory}) or
 * the platform operators (the bare domain), and the caller must belong to it: an unknown host or agency is
 * 404, an agency that is not active or a token of another one 403, an agency's token on the operators' domain
 * 403. What it finds names the rate-limit bucket the request draws from.
 * <p>
 * After the role matrix, so that only requests the matrix allows may cause a lookup at tenant-service; before
 * the rate limit, which needs the agency and its tier.
 */
@ApplicationScoped
public class TenantFromHost implements Handler<RoutingContext> {

    private final TenantHosts hosts;
    private final TenantDirectory tenants;

    public TenantFromHost(TenantHosts hosts, TenantDirectory tenants) {
        this.hosts = hosts;
        this.tenants = tenants;
    }

    @Override
    public void handle(RoutingContext rc) {
        JsonWebToken token = BearerTokenRequired.token(rc);
        UUID tokenTenant = TenantHosts.tenantOf(token);
        Optional<String> slug = hosts.slugOf(rc.request().authority());
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
                rc.put(RateLimitCheck.BUCKET, new Bucket(operator, "platform", "for this operator"));
                rc.next();
            }
            return;
        }
        tenants.resolve(slug.get(), tokenTenant == null ? operator : tokenTenant.toString())
                .subscribe()
                .with(tenant -> serve(rc, tenant, tokenTenant), failure -> {
                    if (failure instanceof TenantDirectory.LookupsThrottled throttled) {
                        ProblemAnswers.retryAfter(rc, throttled.retryAfter());
                        ProblemAnswers.send(
                                rc,
                                ProblemType.TOO_MANY_REQUESTS,
                                "Too many addresses looked up; slow down and retry later");
                    } else {
                        Log.errorf("Tenant lookup for %s failed: %s", slug.get(), failure.toString());
                        ProblemAnswers.send(
                                rc,
                                ProblemType.SERVICE_UNAVAILABLE,
                                "tenant-service cannot resolve this address right now");
                    }
                });
    }

    private static void serve(RoutingContext rc, Optional<TenantInfo> tenant, UUID tokenTenant) {
        if (tenant.isEmpty()) {
            ProblemAnswers.send(rc, ProblemType.NOT_FOUND, "No agency is served at this address");
            return;
        }
        rc.put(AccessLog.TENANT, tenant.get().slug());
        rc.put(AccessLog.TENANT_ID, tenant.get().id());
        if (!tenant.get().active()) {
            ProblemAnswers.send(
                    rc, ProblemType.FORBIDDEN, "This agency is " + tenant.get().status() + " and cannot be used");
        } else if (!tenant.get().id().equals(tokenTenant)) {
            ProblemAnswers.send(rc, ProblemType.FORBIDDEN, "Your sign-in belongs to another address");
        } else {
            rc.put(
                    RateLimitCheck.BUCKET,
                    new Bucket(tenant.get().id().toString(), tenant.get().tier(), "for this agency"));
            rc.next();
        }
    }
}
