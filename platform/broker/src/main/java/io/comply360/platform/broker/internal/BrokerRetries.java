package io.comply360.platform.broker.internal;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;

/**
 * Broker work that must eventually succeed: connecting, applying the topology, subscribing a consumer. A failed
 * attempt is tried again after a growing pause (0.5 s, doubling up to 10 s) on one background thread until it
 * succeeds or the service stops. Without this, a failure at startup (the management API not answering yet, a
 * queue briefly held by an exclusive consumer) would only be logged, and what it should have set up would stay
 * missing until the next restart.
 */
@ApplicationScoped
public class BrokerRetries {

    private static final Duration FIRST_PAUSE = Duration.ofMillis(500);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(10);

    /** One try of the work; throwing means "not done yet". */
    @FunctionalInterface
    interface Attempt {
        void run() throws Exception;
    }

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "broker-retries");
        thread.setDaemon(true);
        return thread;
    });

    /** Tries {@code attempt} now, on the caller's thread, and keeps retrying it in the background if that fails. */
    void now(String what, Attempt attempt) {
        tryOnce(what, attempt, Duration.ZERO);
    }

    /** Tries {@code attempt} in the background, at once and again after every failure. */
    void inBackground(String what, Attempt attempt) {
        schedule(what, attempt, Duration.ZERO);
    }

    private void tryOnce(String what, Attempt attempt, Duration pause) {
        try {
            attempt.run();
        } catch (InterruptedException e) {
            // Only the shutdown interrupts this thread.
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            Duration next = pause.isZero() ? FIRST_PAUSE : min(pause.multipliedBy(2), LONGEST_PAUSE);
            Log.warnf("Could not %s (%s); trying again in %d ms", what, e.getMessage(), next.toMillis());
            schedule(what, attempt, next);
        }
    }

    private void schedule(String what, Attempt attempt, Duration pause) {
        try {
            scheduler.schedule(() -> tryOnce(what, attempt, pause), pause.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            Log.debugf("Not retrying to %s: the service is stopping", what);
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    @PreDestroy
    void stop() {
        scheduler.shutdownNow();
    }
}
