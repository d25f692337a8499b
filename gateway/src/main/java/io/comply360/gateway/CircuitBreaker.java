package io.comply360.gateway;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;

/**
 * One circuit per upstream service, with MicroProfile Fault Tolerance's parameters ({@code circuit-breaker.*}):
 * it opens when {@code failure-ratio} of the service's last {@code request-volume-threshold} calls failed (no
 * connection, a dropped connection or no answer in time; see {@link UpstreamExchange} for what is not a
 * failure), and requests then fail fast with 503 instead of piling up on a sick service. After {@code delay} it
 * lets one trial request through at a time (half-open); {@code success-threshold} successful trials close it,
 * a failed one opens it for another {@code delay}. State per service is the gauge
 * {@code comply360_gateway_breaker_open{service}}.
 */
@ApplicationScoped
public class CircuitBreaker {

    private final int requestVolumeThreshold;
    private final double failureRatio;
    private final long delayNanos;
    private final int successThreshold;
    private final MeterRegistry metrics;
    private final Map<String, Circuit> circuits = new ConcurrentHashMap<>();

    @Inject
    public CircuitBreaker(GatewayConfig config, MeterRegistry metrics) {
        this(config.circuitBreaker(), metrics);
    }

    /** A breaker with the given parameters: tests use it to try other ones than the configuration's. */
    CircuitBreaker(GatewayConfig.CircuitBreaker config, MeterRegistry metrics) {
        this.requestVolumeThreshold = config.requestVolumeThreshold();
        this.failureRatio = config.failureRatio();
        this.delayNanos = config.delay().toNanos();
        this.successThreshold = config.successThreshold();
        this.metrics = metrics;
    }

    private final class Circuit {
        /** The rolling window of the latest outcomes while closed: true for a failure. */
        private final boolean[] window = new boolean[requestVolumeThreshold];

        private int next;
        private int recorded;
        private int failures;
        private long openedAt = -1;
        private boolean trialInFlight;
        private int trialSuccesses;

        synchronized boolean allow() {
            if (openedAt < 0) {
                return true;
            }
            if (System.nanoTime() - openedAt >= delayNanos && !trialInFlight) {
                trialInFlight = true;
                return true;
            }
            return false;
        }

        synchronized void success() {
            if (openedAt < 0) {
                record(false);
                return;
            }
            trialInFlight = false;
            if (++trialSuccesses >= successThreshold) {
                openedAt = -1;
                trialSuccesses = 0;
                next = 0;
                recorded = 0;
                failures = 0;
            }
        }

        /** Records a failure; true if it opened the circuit. */
        synchronized boolean failure() {
            trialInFlight = false;
            if (openedAt >= 0) {
                openedAt = System.nanoTime();
                trialSuccesses = 0;
                return false;
            }
            record(true);
            if (recorded == window.length && failures >= failureRatio * window.length) {
                openedAt = System.nanoTime();
                return true;
            }
            return false;
        }

        private void record(boolean failure) {
            if (recorded == window.length && window[next]) {
                failures--;
            }
            window[next] = failure;
            if (failure) {
                failures++;
            }
            next = (next + 1) % window.length;
            recorded = Math.min(recorded + 1, window.length);
        }

        /** An outcome that says nothing about the service: only a half-open trial is freed again. */
        synchronized void neutral() {
            trialInFlight = false;
        }

        synchronized boolean open() {
            return openedAt >= 0;
        }
    }

    private Circuit of(String service) {
        return circuits.computeIfAbsent(service, name -> {
            Circuit circuit = new Circuit();
            Gauge.builder("comply360.gateway.breaker.open", circuit, c -> c.open() ? 1 : 0)
                    .tag("service", name)
                    .description("1 while the gateway fails requests to the service fast")
                    .register(metrics);
            return circuit;
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
            Log.warnf(
                    "Circuit to %s opened: at least %s of its last %d calls failed",
                    service, failureRatio, requestVolumeThreshold);
        }
    }

    boolean isOpen(String service) {
        return of(service).open();
    }

    /** How long an open circuit fails fast: what a refused client is told to wait. */
    Duration delay() {
        return Duration.ofNanos(delayNanos);
    }
}
