package io.comply360.gateway;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;

/**
 * One breaker per upstream service. After {@code failure-threshold} consecutive failures (no connection, a
 * dropped connection or no answer in time; see {@link UpstreamExchange} for what is not a failure) it opens:
 * requests fail fast with 503 instead of piling up on a sick service. After
 * {@code open-duration} one trial request is let through (half-open); its success closes the breaker.
 * State per service is the gauge {@code comply360_gateway_breaker_open{service}}.
 */
@ApplicationScoped
public class CircuitBreakers {

    private final int threshold;
    private final long openNanos;
    private final MeterRegistry metrics;
    private final Map<String, Breaker> breakers = new ConcurrentHashMap<>();

    public CircuitBreakers(GatewayConfig config, MeterRegistry metrics) {
        this.threshold = config.breaker().failureThreshold();
        this.openNanos = config.breaker().openDuration().toNanos();
        this.metrics = metrics;
    }

    private final class Breaker {
        private int failures;
        private long openedAt = -1;
        private boolean trialInFlight;

        synchronized boolean allow() {
            if (openedAt < 0) {
                return true;
            }
            if (System.nanoTime() - openedAt >= openNanos && !trialInFlight) {
                trialInFlight = true;
                return true;
            }
            return false;
        }

        synchronized void success() {
            failures = 0;
            openedAt = -1;
            trialInFlight = false;
        }

        synchronized boolean failure() {
            failures++;
            trialInFlight = false;
            if (openedAt >= 0 || failures >= threshold) {
                boolean opening = openedAt < 0;
                openedAt = System.nanoTime();
                return opening;
            }
            return false;
        }

        /** An outcome that says nothing about the service: only a half-open trial is freed again. */
        synchronized void neutral() {
            trialInFlight = false;
        }

        synchronized boolean open() {
            return openedAt >= 0;
        }
    }

    private Breaker of(String service) {
        return breakers.computeIfAbsent(service, name -> {
            Breaker breaker = new Breaker();
            Gauge.builder("comply360.gateway.breaker.open", breaker, b -> b.open() ? 1 : 0).tag("service", name)
                    .description("1 while the gateway fails requests to the service fast").register(metrics);
            return breaker;
        });
    }

    /** May a request go to {@code service} now? */
    public boolean allow(String service) {
        return of(service).allow();
    }

    public void success(String service) {
        of(service).success();
    }

    /**
     * The request ended in a way that says nothing about the service (the gateway cut it off, the client left,
     * no connection was free): neither a success nor a failure, but a half-open trial slot is freed.
     */
    public void neutral(String service) {
        of(service).neutral();
    }

    public void failure(String service) {
        if (of(service).failure()) {
            Log.warnf("Circuit to %s opened after %d consecutive failures", service, threshold);
        }
    }

    boolean isOpen(String service) {
        return of(service).open();
    }

    Duration openDuration() {
        return Duration.ofNanos(openNanos);
    }
}
