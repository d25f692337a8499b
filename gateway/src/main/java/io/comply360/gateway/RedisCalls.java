package io.comply360.gateway;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/** Time limits for the gateway's calls to Redis, made on every request. */
public final class RedisCalls {

    private RedisCalls() {
    }

    /**
     * Fails {@code work} after {@code timeout} with a Vert.x timer on the caller's event loop. Mutiny's
     * {@code ifNoItem().after(…)} schedules on a shared executor thread instead: for a call made on every
     * request, those cross-thread hand-offs cost more CPU than the call itself (measured with dev/bench).
     */
    public static <T> Uni<T> within(Vertx vertx, Uni<T> work, Duration timeout) {
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
}
