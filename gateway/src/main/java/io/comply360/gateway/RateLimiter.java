package io.comply360.gateway;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.TimeoutException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

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
 */
@ApplicationScoped
public class RateLimiter {

    /** Whether the last decision was taken with Redis (the shared buckets). */
    boolean shared() {
        return redisUp.get();
    }

    /** The outcome of one request for a token; {@code retryAfter} is how long until one is free. */
    public record Decision(boolean allowed, Duration retryAfter) {
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
            return wait
            """;

    private static final String TAKE_TOKEN_SHA1 = sha1(TAKE_TOKEN);

    private final Redis redis;
    private final Vertx vertx;
    private final GatewayConfig.RateLimit config;
    private final Map<String, TokenBucket> local = new ConcurrentHashMap<>();
    private final AtomicBoolean redisUp = new AtomicBoolean(true);
    private final Counter fallbacks;

    @Inject
    public RateLimiter(Redis redis, Vertx vertx, GatewayConfig config, MeterRegistry metrics) {
        this(redis, vertx, config.rateLimit(), metrics);
    }

    /** A limiter on the given Redis: tests use it to play a second replica, or one whose Redis is gone. */
    RateLimiter(Redis redis, Vertx vertx, GatewayConfig.RateLimit config, MeterRegistry metrics) {
        this.redis = redis;
        this.vertx = vertx;
        this.config = config;
        Gauge.builder("comply360.gateway.rate.limit.redis.up", redisUp, up -> up.get() ? 1 : 0)
                .description("1 while rate limits are shared through Redis, 0 while each replica limits alone")
                .strongReference(true).register(metrics);
        this.fallbacks = Counter.builder("comply360.gateway.rate.limit.fallbacks")
                .description("Token requests decided locally because Redis did not answer").register(metrics);
    }

    /** Takes a token from {@code bucket} (a tenant id, or an operator's id) under the limits of {@code tier}. */
    public Uni<Decision> acquire(String bucket, String tier) {
        if (!config.enabled()) {
            return Uni.createFrom().item(new Decision(true, Duration.ZERO));
        }
        GatewayConfig.Bucket limit = config.tiers().getOrDefault(tier, config.tiers().get(config.defaultTier()));
        String key = "comply360:rate:" + bucket;
        // The script by its digest (Redis keeps it once loaded); sent whole only when Redis does not know it yet.
        Uni<Response> take = redis.send(Request.cmd(Command.EVALSHA).arg(TAKE_TOKEN_SHA1).arg(1).arg(key)
                .arg(limit.capacity()).arg(limit.perSecond()))
                .onFailure(failure -> String.valueOf(failure.getMessage()).startsWith("NOSCRIPT"))
                .recoverWithUni(() -> redis.send(Request.cmd(Command.EVAL).arg(TAKE_TOKEN).arg(1).arg(key)
                        .arg(limit.capacity()).arg(limit.perSecond())));
        return within(take, config.redisTimeout())
                .map(RateLimiter::decision)
                .invoke(() -> {
                    if (redisUp.compareAndSet(false, true)) {
                        Log.info("Rate limits are shared through Redis again");
                    }
                })
                .onFailure().recoverWithItem(failure -> {
                    if (redisUp.compareAndSet(true, false)) {
                        Log.warnf("Redis does not answer (%s): each replica now limits on its own", failure.toString());
                    }
                    fallbacks.increment();
                    return local.computeIfAbsent(bucket, b -> new TokenBucket(limit.capacity(), limit.perSecond())).take();
                });
    }

    /**
     * Fails {@code work} after {@code timeout} with a Vert.x timer on the caller's event loop. Mutiny's
     * {@code ifNoItem().after(…)} schedules on a shared executor thread instead: for a call made on every
     * request, those cross-thread hand-offs cost more CPU than the call itself (measured with dev/bench).
     */
    private <T> Uni<T> within(Uni<T> work, Duration timeout) {
        return Uni.createFrom().emitter(emitter -> {
            AtomicBoolean done = new AtomicBoolean();
            long timer = vertx.setTimer(timeout.toMillis(), id -> {
                if (done.compareAndSet(false, true)) {
                    emitter.fail(new TimeoutException("Redis did not answer within " + timeout.toMillis() + " ms"));
                }
            });
            work.subscribe().with(item -> {
                if (done.compareAndSet(false, true)) {
                    vertx.cancelTimer(timer);
                    emitter.complete(item);
                }
            }, failure -> {
                if (done.compareAndSet(false, true)) {
                    vertx.cancelTimer(timer);
                    emitter.fail(failure);
                }
            });
        });
    }

    private static String sha1(String script) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(script.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Decision decision(Response waitMillis) {
        long wait = waitMillis.toLong();
        return new Decision(wait == 0, Duration.ofMillis(wait));
    }
}
