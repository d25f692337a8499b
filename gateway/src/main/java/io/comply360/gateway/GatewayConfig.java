package io.comply360.gateway;

import java.time.Duration;
import java.util.Map;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "comply360.gateway")
public interface GatewayConfig {

    /**
     * The domain the tenants' hosts live under: {@code acme.<base-domain>} serves agency acme, the bare
     * domain serves platform operators. Locally {@code localhost}.
     */
    @WithDefault("localhost")
    String baseDomain();

    /** Base URL of each service, keyed as in the role matrix's {@code service} field (tenant, notification…). */
    Map<String, String> upstreams();

    /** How long a resolved tenant (slug → id, status) is trusted before it is looked up again. */
    @WithDefault("30S")
    Duration tenantCacheTtl();

    /** An upstream that sends nothing for this long fails the request with 503. */
    @WithDefault("30S")
    Duration upstreamTimeout();

    /** Requests with a body larger than this are refused with 413 before anything reaches a service. */
    @WithDefault("60M")
    MemorySize maxBodySize();

    /** Extra attempts of an idempotent request (GET, HEAD, OPTIONS) whose service did not answer. */
    @WithDefault("2")
    int idempotentRetries();

    Breaker breaker();

    RateLimit rateLimit();

    interface RateLimit {

        @WithDefault("true")
        boolean enabled();

        /** Buckets per tenant tier (starter, professional, enterprise) and for operators (platform). */
        Map<String, Bucket> tiers();

        /** The tier of a tenant whose tier has no bucket configured. */
        @WithDefault("starter")
        String defaultTier();

        /** Redis slower than this counts as down: the replica decides with its own buckets. */
        @WithDefault("250MS")
        Duration redisTimeout();
    }

    /** A token bucket: {@code capacity} requests at once, refilled at {@code per-second}. */
    interface Bucket {
        int capacity();

        double perSecond();
    }

    interface Breaker {

        /** Consecutive failures (no answer, 5xx) of one upstream that open its breaker. */
        @WithDefault("5")
        int failureThreshold();

        /** How long an open breaker fails fast before it lets one trial request through. */
        @WithDefault("10S")
        Duration openDuration();
    }
}
