package io.comply360.gateway;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.comply360.gateway.revocation.TokenRevocations;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;

/**
 * Per-tenant token buckets. The buckets live in Redis so that every gateway replica draws from the same one
 * (one Lua script takes a token atomically, on Redis' clock). When Redis does not answer within
 * {@code redis-timeout}, each replica falls back to buckets of its own with the same limits: a tenant may
 * then get up to replicas × its limit, which beats refusing everyone or limiting no one.
 *
 * <p>The same script reads when the caller was last deactivated ({@link TokenRevocations}): one round trip to
 * Redis per request decides both. Without Redis, tokens are not checked for revocation (and that is counted).
 */
@ApplicationScoped
public class RateLimiter {

    /** Whether the last decision was taken with Redis (the shared buckets). */
    boolean shared() {
        return redisUp.get();
    }

    /**
     * The outcome of one request for a token; {@code retryAfter} is how long until one is free;
     * {@code deactivatedAt} is when the caller was last deactivated (epoch seconds), 0 if never, -1 if unknown.
     */
    public record Decision(boolean allowed, Duration retryAfter, long deactivatedAt) {

        /** Whether a token issued at {@code issuedAt} (epoch seconds) predates the caller's deactivation. */
        public boolean revokes(long issuedAt) {
            return TokenRevocations.revokes(issuedAt, deactivatedAt);
        }
    }

    /** Refills the bucket for the time since it was last seen, takes a token if there is one. */
    private static final String TAKE_TOKEN = """
            local capacity = tonumber(ARGV[1])
            local per_second = tonumber(ARGV[2])
            local time = redis.call('TIME')
            local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
            local bucket = redis.call('HMGET', KEYS[1], 'tokens', 'at')
            local tokens = tonumber(bucket[1]) or capacity
            local at = tonumber(bucket[2]) or now
            tokens = math.min(capacity, tokens + math.max(0, now - at) * per_second / 1000)
            local wait = 0
            if tokens >= 1 then
                tokens = tokens - 1
            else
                wait = math.ceil((1 - tokens) * 1000 / per_second)
            end
            redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', now)
            redis.call('PEXPIRE', KEYS[1], math.ceil(capacity * 1000 / per_second) + 1000)
            return {wait, tonumber(redis.call('GET', KEYS[2]) or '0')}
            """;

    private static final String TAKE_TOKEN_SHA1 = sha1(TAKE_TOKEN);

    private final Redis redis;
    private final Vertx vertx;
    private final GatewayConfig.RateLimit config;
    private final Map<String, TokenBucket> local = new ConcurrentHashMap<>();
    private final AtomicBoolean redisUp = new AtomicBoolean(true);
    private final Counter fallbacks;

    private final TokenRevocations revocations;

    @Inject
    public RateLimiter(
            Redis redis, Vertx vertx, GatewayConfig config, MeterRegistry metrics, TokenRevocations revocations) {
        this(redis, vertx, config.rateLimit(), metrics, revocations);
    }

    /** A limiter on the given Redis: tests use it to play a second replica, or one whose Redis is gone. */
    RateLimiter(
            Redis redis,
            Vertx vertx,
            GatewayConfig.RateLimit config,
            MeterRegistry metrics,
            TokenRevocations revocations) {
        this.redis = redis;
        this.vertx = vertx;
        this.config = config;
        this.revocations = revocations;
        Gauge.builder("comply360.gateway.rate.limit.redis.up", redisUp, up -> up.get() ? 1 : 0)
                .description("1 while rate limits are shared through Redis, 0 while each replica limits alone")
                .strongReference(true)
                .register(metrics);
        this.fallbacks = Counter.builder("comply360.gateway.rate.limit.fallbacks")
                .description("Token requests decided locally because Redis did not answer")
                .register(metrics);
    }

    /**
     * Takes a token from {@code bucket} (a tenant id, or an operator's id) under the limits of {@code tier}, and
     * reads when {@code userId} was last deactivated.
     */
    public Uni<Decision> acquire(String bucket, String tier, String userId) {
        if (!config.enabled()) {
            return revocations.deactivatedAt(userId).map(at -> new Decision(true, Duration.ZERO, at));
        }
        GatewayConfig.Bucket limit =
                config.tiers().getOrDefault(tier, config.tiers().get(config.defaultTier()));
        String key = "comply360:rate:" + bucket;
        // The script by its digest (Redis keeps it once loaded); sent whole only when Redis does not know it yet.
        String revoked = TokenRevocations.key(userId);
        Uni<Response> take = redis.send(Request.cmd(Command.EVALSHA)
                        .arg(TAKE_TOKEN_SHA1)
                        .arg(2)
                        .arg(key)
                        .arg(revoked)
                        .arg(limit.capacity())
                        .arg(limit.perSecond()))
                .onFailure(failure -> String.valueOf(failure.getMessage()).startsWith("NOSCRIPT"))
                .recoverWithUni(() -> redis.send(Request.cmd(Command.EVAL)
                        .arg(TAKE_TOKEN)
                        .arg(2)
                        .arg(key)
                        .arg(revoked)
                        .arg(limit.capacity())
                        .arg(limit.perSecond())));
        return RedisCalls.within(vertx, take, config.redisTimeout())
                .map(RateLimiter::decision)
                .invoke(() -> {
                    if (redisUp.compareAndSet(false, true)) {
                        Log.info("Rate limits are shared through Redis again");
                    }
                })
                .onFailure()
                .recoverWithItem(failure -> {
                    if (redisUp.compareAndSet(true, false)) {
                        Log.warnf("Redis does not answer (%s): each replica now limits on its own", failure.toString());
                    }
                    fallbacks.increment();
                    revocations.unchecked();
                    return local.computeIfAbsent(bucket, b -> new TokenBucket(limit.capacity(), limit.perSecond()))
                            .take();
                });
    }

    private static String sha1(String script) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-1").digest(script.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Decision decision(Response waitAndDeactivation) {
        long wait = waitAndDeactivation.get(0).toLong();
        return new Decision(
                wait == 0, Duration.ofMillis(wait), waitAndDeactivation.get(1).toLong());
    }
}
