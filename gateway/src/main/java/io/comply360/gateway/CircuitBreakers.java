package io.comply360.gateway;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;

/**
 * One breaker per upstream service. After {@code failure-threshold} consecutive failures (no answer, or a
 * 5xx) it opens: requests fail fast with 503 instead of piling up on a sick service. After
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

    public void failure(String service) {
        if (of(service).failure()) {
            Log.warnf("Circuit to %s opened after %d consecutive failures", service, threshold);
        }
    }

    Duration openDuration() {
        return Duration.ofNanos(openNanos);
    }
}
