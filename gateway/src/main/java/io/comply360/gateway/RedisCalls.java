package io.comply360.gateway;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

import io.comply360.platform.concurrent.Deadlines;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/** Time limits for the gateway's calls to Redis, made on every request. */
public final class RedisCalls {

    private RedisCalls() {}

    /** Fails {@code work} after {@code timeout}, on a Vert.x timer of the caller's event loop ({@link Deadlines}). */
    public static <T> Uni<T> within(Vertx vertx, Uni<T> work, Duration timeout) {
        return Deadlines.within(
                vertx,
                work,
                timeout,
                () -> new TimeoutException("Redis did not answer within " + timeout.toMillis() + " ms"));
    }
}
