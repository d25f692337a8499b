package io.comply360.gateway.revocation;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;

/**
 * Access tokens of deactivated people. A token lives on until it expires whatever happens to its holder, so the
 * gateway remembers, per person, when they were deactivated, and refuses their tokens issued up to then (a token
 * issued after a reactivation passes). Kept in Redis, shared by every replica, for {@code keep} (longer than any
 * access token lives). If Redis does not answer, tokens are let through — as they were before any of this — and
 * the counter {@code comply360_gateway_revocations_unchecked_total} shows it.
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
    private static final Duration REDIS_TIMEOUT = Duration.ofMillis(250);

    private final Redis redis;
    private final Duration keep;
    private final Counter unchecked;

    public TokenRevocations(Redis redis, MeterRegistry metrics,
            @ConfigProperty(name = "comply360.gateway.revocation-keep", defaultValue = "PT1H") Duration keep) {
        this.redis = redis;
        this.keep = keep;
        this.unchecked = Counter.builder("comply360.gateway.revocations.unchecked")
                .description("Requests let through without checking revoked tokens because Redis did not answer")
                .register(metrics);
    }

    /** Tokens of {@code userId} issued up to {@code at} are refused from now on. */
    public Uni<Void> deactivated(String userId, Instant at) {
        return redis.send(Request.cmd(Command.EVAL).arg(REMEMBER).arg(1).arg(key(userId)).arg(at.getEpochSecond())
                .arg(keep.toSeconds())).replaceWithVoid();
    }

    /** Whether a token of {@code userId} issued at {@code issuedAt} (epoch seconds) belongs to before a deactivation. */
    public Uni<Boolean> revoked(String userId, long issuedAt) {
        if (userId == null) {
            return Uni.createFrom().item(false);
        }
        return redis.send(Request.cmd(Command.GET).arg(key(userId))).ifNoItem().after(REDIS_TIMEOUT).fail()
                .map(deactivatedAt -> deactivatedAt != null && issuedAt <= deactivatedAt.toLong())
                .onFailure().recoverWithItem(failure -> {
                    unchecked.increment();
                    Log.debugf("Revoked tokens unchecked, Redis does not answer: %s", failure.toString());
                    return false;
                });
    }

    private static String key(String userId) {
        return "comply360:revoked-user:" + userId;
    }
}
