package io.comply360.gateway.revocation;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.comply360.gateway.GatewayConfig;
import io.comply360.gateway.RedisCalls;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;

/**
 * Access tokens of deactivated people. A token lives on until it expires whatever happens to its holder, so the
 * gateway remembers, per person, when they were last deactivated, and refuses their tokens issued up to then (a
 * token issued after a reactivation passes). Kept in Redis, shared by every replica, for
 * {@code comply360.gateway.revocation-keep} (longer than any access token lives). The API reads it in the same
 * round trip as the rate limit ({@code RateLimiter}), the portal with its sign-out check ({@code SessionRevocations}).
 * If Redis does not answer, tokens are let through — as they were before any of this — and
 * {@code comply360_gateway_revocations_unchecked_total} counts it.
 */
@ApplicationScoped
public class TokenRevocations {

    /** Keeps the latest deactivation: events may arrive out of order or twice. */
    private static final String REMEMBER = """
            local current = tonumber(redis.call('GET', KEYS[1]) or '0')
            if tonumber(ARGV[1]) > current then
                redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
            end
            return 1
            """;

    private static final String NO_USER = "comply360:revoked-user:-";

    private final Redis redis;
    private final Vertx vertx;
    private final Duration keep;
    private final Duration timeout;
    private final Counter unchecked;

    @Inject
    public TokenRevocations(Redis redis, Vertx vertx, GatewayConfig config, MeterRegistry metrics) {
        this(redis, vertx, config.revocationKeep(), config.rateLimit().redisTimeout(), metrics);
    }

    /** On the given Redis: tests use it to play a replica whose Redis is gone. */
    public TokenRevocations(Redis redis, Vertx vertx, Duration keep, Duration timeout, MeterRegistry metrics) {
        this.redis = redis;
        this.vertx = vertx;
        this.keep = keep;
        this.timeout = timeout;
        this.unchecked = Counter.builder("comply360.gateway.revocations.unchecked")
                .description("Requests let through without checking revoked tokens because Redis did not answer")
                .register(metrics);
    }

    /** Tokens of {@code userId} issued up to {@code at} are refused from now on. */
    public Uni<Void> deactivated(String userId, Instant at) {
        return redis.send(Request.cmd(Command.EVAL)
                        .arg(REMEMBER)
                        .arg(1)
                        .arg(key(userId))
                        .arg(at.getEpochSecond())
                        .arg(keep.toSeconds()))
                .replaceWithVoid();
    }

    /** When {@code userId} was last deactivated (epoch seconds): 0 if never, -1 if Redis did not answer. */
    public Uni<Long> deactivatedAt(String userId) {
        if (userId == null) {
            return Uni.createFrom().item(0L);
        }
        return RedisCalls.within(vertx, redis.send(Request.cmd(Command.GET).arg(key(userId))), timeout)
                .map(at -> at == null ? 0L : at.toLong())
                .onFailure()
                .recoverWithItem(failure -> {
                    Log.debugf("Revoked tokens unchecked, Redis does not answer: %s", failure.toString());
                    unchecked();
                    return -1L;
                });
    }

    /** Counts a request let through unchecked. */
    public void unchecked() {
        unchecked.increment();
    }

    /**
     * Whether a token issued at {@code issuedAt} is refused, its holder last deactivated at {@code deactivatedAt}
     * (epoch seconds; 0 or less: never, or unknown).
     */
    public static boolean revokes(long issuedAt, long deactivatedAt) {
        return deactivatedAt > 0 && issuedAt <= deactivatedAt;
    }

    /** Where {@code userId}'s deactivation is kept (a key no one has for an anonymous caller). */
    public static String key(String userId) {
        return userId == null ? NO_USER : "comply360:revoked-user:" + userId;
    }
}
