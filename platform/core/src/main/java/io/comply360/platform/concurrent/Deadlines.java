package io.comply360.platform.concurrent;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.core.Vertx;

/** Time limits on asynchronous work, kept with Vert.x timers. */
public final class Deadlines {

    private Deadlines() {}

    /**
     * {@code work}, failed with {@code late}'s exception (and cancelled) if it has not completed after {@code timeout}.
     * The timer is a Vert.x timer of the caller's event loop, so what follows a timeout runs where the caller runs.
     * Mutiny's {@code ifNoItem().after(…)} schedules on a shared executor thread instead: for a call made on every
     * request those cross-thread hand-offs cost more CPU than the call itself (measured with dev/bench).
     */
    public static <T> Uni<T> within(Vertx vertx, Uni<T> work, Duration timeout, Supplier<? extends Throwable> late) {
        return Uni.createFrom().emitter(emitter -> {
            AtomicBoolean done = new AtomicBoolean();
            AtomicReference<Cancellable> running = new AtomicReference<>();
            long timer = vertx.setTimer(Math.max(1, timeout.toMillis()), id -> {
                if (done.compareAndSet(false, true)) {
                    cancel(running.get());
                    emitter.fail(late.get());
                }
            });
            running.set(work.subscribe()
                    .with(
                            item -> {
                                if (done.compareAndSet(false, true)) {
                                    vertx.cancelTimer(timer);
                                    emitter.complete(item);
                                }
                            },
                            failure -> {
                                if (done.compareAndSet(false, true)) {
                                    vertx.cancelTimer(timer);
                                    emitter.fail(failure);
                                }
                            }));
            // Cancelled by whoever waits for it: stop the timer and the work.
            emitter.onTermination(() -> {
                if (done.compareAndSet(false, true)) {
                    vertx.cancelTimer(timer);
                    cancel(running.get());
                }
            });
        });
    }

    private static void cancel(Cancellable work) {
        if (work != null) {
            work.cancel();
        }
    }
}
