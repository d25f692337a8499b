package io.comply360.gateway;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.comply360.platform.error.ProblemType;
import io.quarkus.logging.Log;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * Fourth: takes a token from the caller's bucket ({@link RateLimiter}: its agency's by tier, an operator's own,
 * or a webhook sender's address's); over the limit is 429 with {@code Retry-After}. The same round trip to Redis
 * tells when the caller was last deactivated, so a token issued before that is refused here too (401), whatever the
 * limit says.
 * <p>
 * Last before the service, so that only requests that would otherwise be served count against the limit.
 */
@ApplicationScoped
public class RateLimitCheck implements Handler<RoutingContext> {

    /** Where {@link TenantFromHost} (or {@link WebhookSender}) leaves the bucket the request draws from. */
    static final String BUCKET = "comply360.rate-bucket";

    /**
     * A bucket: a tenant's id, an operator's or a webhook sender's address, the tier whose limits apply, and whose
     * requests it counts, as a refusal names them ("for this agency").
     */
    record Bucket(String id, String tier, String whose) {}

    private final RateLimiter limiter;

    public RateLimitCheck(RateLimiter limiter) {
        this.limiter = limiter;
    }

    @Override
    public void handle(RoutingContext rc) {
        Bucket bucket = rc.get(BUCKET);
        JsonWebToken token = BearerTokenRequired.token(rc);
        limiter.acquire(bucket.id(), bucket.tier(), token == null ? null : token.getSubject())
                .subscribe()
                .with(
                        decision -> {
                            if (token != null && decision.revokes(token.getIssuedAtTime())) {
                                // Deactivated after this token was issued: it no longer speaks for anyone.
                                rc.response().putHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
                                ProblemAnswers.send(
                                        rc, ProblemType.UNAUTHENTICATED, "This sign-in was withdrawn; sign in again");
                            } else if (decision.allowed()) {
                                rc.next();
                            } else {
                                ProblemAnswers.retryAfter(rc, decision.retryAfter());
                                ProblemAnswers.send(
                                        rc,
                                        ProblemType.TOO_MANY_REQUESTS,
                                        "Too many requests " + bucket.whose() + "; slow down and retry later");
                            }
                        },
                        failure -> {
                            // acquire() recovers from Redis failing; should it ever fail, the request is answered,
                            // never left hanging.
                            Log.error("Rate limiting failed unexpectedly", failure);
                            ProblemAnswers.send(
                                    rc,
                                    ProblemType.INTERNAL_ERROR,
                                    "Something went wrong on our side; quote the request id");
                        });
    }
}
