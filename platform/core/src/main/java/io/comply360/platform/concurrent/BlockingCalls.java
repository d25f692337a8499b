package io.comply360.platform.concurrent;

import java.util.concurrent.Callable;
import java.util.concurrent.Executor;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * The one way to call blocking code (S3 SDK, Keycloak admin client, tesseract, SMTP) from reactive code: the
 * call runs on a worker thread and its result is delivered back on the caller's Vert.x context, so whatever
 * follows (Panache, the response) runs where it must. Never touch Panache inside {@code call}.
 */
public final class BlockingCalls {

    private BlockingCalls() {}

    public static <T> Uni<T> run(Callable<T> call) {
        return run(Infrastructure.getDefaultWorkerPool(), call);
    }

    /**
     * {@link #run(Callable)} on {@code executor}: for work whose concurrency must be bounded apart from the shared
     * worker pool (OCR, one process per core).
     */
    public static <T> Uni<T> run(Executor executor, Callable<T> call) {
        Context context = Vertx.currentContext();
        Uni<T> onWorker = Uni.createFrom()
                .item(() -> {
                    try {
                        return call.call();
                    } catch (RuntimeException e) {
                        throw e;
                    } catch (Exception e) {
                        throw new BlockingCallException(e);
                    }
                })
                .runSubscriptionOn(executor);
        if (context == null) {
            return onWorker;
        }
        return onWorker.emitOn(task -> context.runOnContext(ignored -> task.run()));
    }

    /** A checked exception thrown by a blocking call, carried unchanged as the cause. */
    public static class BlockingCallException extends RuntimeException {
        BlockingCallException(Exception cause) {
            super(cause.getMessage(), cause);
        }
    }
}
