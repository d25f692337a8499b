package io.comply360.platform.health;

import java.time.Duration;

import org.eclipse.microprofile.health.HealthCheckResponse;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;

/**
 * Base of every health check: asynchronous (never blocks the event loop), bounded by a timeout so a hung
 * dependency reports DOWN instead of hanging the probe, and reporting how long the probe took.
 */
public abstract class TimedAsyncCheck implements AsyncHealthCheck {

    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);

    /** The check's name in {@code /q/health}. */
    protected abstract String name();

    /** The probe: completes when the dependency answered, fails otherwise. */
    protected abstract Uni<?> probe();

    protected Duration timeout() {
        return DEFAULT_TIMEOUT;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        long started = System.nanoTime();
        return Uni.createFrom()
                .deferred(this::probe)
                .ifNoItem()
                .after(timeout())
                .fail()
                .map(ignored -> HealthCheckResponse.named(name())
                        .up()
                        .withData("tookMs", elapsedMs(started))
                        .build())
                .onFailure()
                .recoverWithItem(failure -> HealthCheckResponse.named(name())
                        .down()
                        .withData("tookMs", elapsedMs(started))
                        .withData(
                                "error",
                                failure.getClass().getSimpleName()
                                        + (failure.getMessage() == null ? "" : ": " + failure.getMessage()))
                        .build());
    }

    private static long elapsedMs(long started) {
        return Duration.ofNanos(System.nanoTime() - started).toMillis();
    }
}
