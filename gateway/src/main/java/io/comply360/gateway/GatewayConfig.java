package io.comply360.gateway;

import java.time.Duration;
import java.util.Map;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;

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

    /** The cache of resolved tenants (host slug → id, status, tier). */
    TenantCache tenantCache();

    /**
     * How long a service may take to start answering once it has the whole request (then 503, and a failure
     * for its breaker); also how long a client may pause while sending a body (then 408). Once the service has
     * started answering, nothing here limits how long its answer takes: a stream stays open as long as both ends
     * keep it.
     */
    @WithDefault("30S")
    Duration upstreamTimeout();

    /**
     * The body limit of a route whose role-matrix entry declares no {@code maxBody} (the JSON APIs): a larger
     * body is refused with 413 and never reaches a service.
     */
    @WithDefault("256K")
    MemorySize maxBodySize();

    /**
     * Body limits that replace the role matrix's for a route, keyed {@code "METHOD /template"} (for an
     * operator who must raise one route's limit without a new build).
     */
    Map<String, MemorySize> routeLimits();

    /** The connections to each upstream service. */
    Pool pool();

    /** A longer request line (method, path and query) is refused with 414. */
    @WithDefault("4096")
    int maxUriLength();

    /** Larger request headers (all of them together) are refused with 431. */
    @WithDefault("20K")
    MemorySize maxHeaderSize();

    /**
     * How long a person's deactivation is remembered, so that their tokens issued before it are refused: longer
     * than any access token lives (the realm's access token lifespan).
     */
    @WithDefault("PT1H")
    Duration revocationKeep();

    /** Sending an idempotent request again when its service did not answer, in MicroProfile Fault Tolerance's terms. */
    Retry retry();

    /** One circuit breaker per service, in MicroProfile Fault Tolerance's terms. */
    CircuitBreaker circuitBreaker();

    RateLimit rateLimit();

    interface TenantCache {

        /** How long a resolved tenant is fresh; an older one is still served while it is looked up again. */
        @WithDefault("30S")
        Duration ttl();

        /** How long "no tenant has this slug" is remembered. */
        @WithDefault("5S")
        Duration notFoundTtl();

        /**
         * How long a tenant last resolved successfully may still be served while tenant-service cannot answer;
         * after that its requests get 503 until tenant-service answers again.
         */
        @WithDefault("1H")
        Duration maxStale();

        /** The most tenants held; the least used go first. */
        @WithDefault("10000")
        int maxSize();

        /**
         * A lookup that takes longer fails: a request for a tenant not cached yet then gets 503, a cached one is
         * served as it is. Short next to the old 30 s, with room for a cold tenant-service on a busy machine.
         */
        @WithDefault("5S")
        Duration lookupTimeout();

        /** Lookups of hosts not in the cache one caller (an agency, or an operator) may make at once... */
        @WithDefault("10")
        int lookupBurst();

        /** ...and per second after that. */
        @WithDefault("1")
        double lookupsPerSecond();
    }

    interface Pool {

        /** Connections per upstream service. */
        @WithDefault("128")
        int maxSize();

        /** Requests that may wait for a free connection; more are refused at once with 503. */
        @WithDefault("256")
        int waitQueueSize();

        /** How long a request may wait for a free connection before it gets 503. */
        @WithDefault("2S")
        Duration waitTimeout();

        /**
         * How long opening a new connection to a service may take before it counts as the service failing; must
         * be shorter than {@code wait-timeout}, which also covers a request waiting for its new connection.
         */
        @WithDefault("1S")
        Duration connectTimeout();

        /**
         * Streams (routes the role matrix marks {@code stream}) open at once per upstream service. Each holds a
         * connection for as long as its client listens, so they have connections of their own, apart from the
         * {@code max-size} that short requests share: open streams never leave those waiting.
         */
        @WithDefault("1024")
        @Min(1)
        int maxStreams();
    }

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

    /** As {@code @Retry(maxRetries, delay, jitter)}, except that each further retry waits one {@code delay} longer. */
    interface Retry {

        /** Extra attempts of an idempotent request (GET, HEAD, OPTIONS without a body) whose service did not answer. */
        @WithDefault("2")
        int maxRetries();

        /** The pause before the first retry; the second waits twice as long, and so on. */
        @WithDefault("50MS")
        Duration delay();

        /** Each pause is up to this much longer or shorter, at random, so that replicas do not retry in step. */
        @WithDefault("0MS")
        Duration jitter();
    }

    /**
     * As {@code @CircuitBreaker(requestVolumeThreshold, failureRatio, delay, successThreshold)}. What counts as a
     * failure is narrower than there: only the service not answering ({@link io.comply360.gateway.UpstreamExchange}).
     */
    interface CircuitBreaker {

        /** How many of a service's latest calls the breaker looks at (its rolling window), and must have seen before it opens. */
        @WithDefault("5")
        @Min(1)
        int requestVolumeThreshold();

        /** The share of failures in the window that opens the breaker (1: every one of them failed). */
        @WithDefault("1")
        @DecimalMin(value = "0", inclusive = false)
        @DecimalMax("1")
        double failureRatio();

        /** How long an open breaker fails fast before it lets a trial request through (half-open). */
        @WithDefault("10S")
        Duration delay();

        /** Trial requests that must succeed, one after the other, before a half-open breaker closes. */
        @WithDefault("1")
        @Min(1)
        int successThreshold();
    }
}
