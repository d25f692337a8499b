package io.comply360.gateway;

import java.time.Duration;

/**
 * A token bucket in this replica's memory: up to {@code capacity} takes at once, refilled at {@code perSecond}.
 * The same arithmetic as the Redis script of {@link RateLimiter}.
 */
final class TokenBucket {

    private final int capacity;
    private final double perSecond;
    private double tokens;
    private long at = System.nanoTime();

    TokenBucket(int capacity, double perSecond) {
        this.capacity = capacity;
        this.perSecond = perSecond;
        this.tokens = capacity;
    }

    /** Takes a token if there is one; otherwise says how long until there will be. */
    synchronized RateLimiter.Decision take() {
        long now = System.nanoTime();
        tokens = Math.min(capacity, tokens + (now - at) / 1e9 * perSecond);
        at = now;
        if (tokens >= 1) {
            tokens -= 1;
            return new RateLimiter.Decision(true, Duration.ZERO, -1);
        }
        return new RateLimiter.Decision(
                false, Duration.ofMillis((long) Math.ceil((1 - tokens) * 1000 / perSecond)), -1);
    }
}
