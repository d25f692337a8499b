package io.comply360.gateway;

import java.util.function.Consumer;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.VertxException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * A request body on its way to a service: counted as it streams, and cut off once it passes its limit (the
 * body may come without a length, so only counting tells), or when it stops moving for {@code idleMillis} —
 * with the client not sending (too slow) or the service not taking it (stalled). A cut ends the stream with
 * an error, which makes the proxy reset the request to the service: the service never sees a partial body as
 * a complete one.
 */
final class BoundedBody implements ReadStream<Buffer> {

    /** Why a body was cut off. */
    enum Cut {
        TOO_LARGE,
        CLIENT_TOO_SLOW,
        SERVICE_STALLED
    }

    /** The error the stream ends with when it is cut off. */
    static final class CutOff extends VertxException {
        CutOff(Cut cut) {
            super("request body cut off: " + cut, true);
        }
    }

    private final ReadStream<Buffer> source;
    private final long limit;
    private final Vertx vertx;
    private final long idleMillis;
    private final Consumer<Cut> onCut;
    private final Runnable onEnd;
    private Handler<Buffer> handler;
    private Handler<Throwable> exceptionHandler;
    private long received;
    private long lastProgress = System.nanoTime();
    private boolean paused;
    private boolean done;
    private long timer = -1;

    BoundedBody(
            ReadStream<Buffer> source, long limit, Vertx vertx, long idleMillis, Consumer<Cut> onCut, Runnable onEnd) {
        this.source = source;
        this.limit = limit;
        this.vertx = vertx;
        this.idleMillis = idleMillis;
        this.onCut = onCut;
        this.onEnd = onEnd;
    }

    @Override
    public ReadStream<Buffer> handler(Handler<Buffer> handler) {
        this.handler = handler;
        if (handler == null) {
            source.handler(null);
        } else {
            source.handler(this::data);
            watch();
        }
        return this;
    }

    private void data(Buffer buffer) {
        if (done) {
            return;
        }
        received += buffer.length();
        lastProgress = System.nanoTime();
        if (received > limit) {
            cut(Cut.TOO_LARGE);
        } else {
            handler.handle(buffer);
        }
    }

    private void cut(Cut cut) {
        if (done) {
            return;
        }
        done = true;
        stopWatching();
        // The rest of the body is not wanted; the connection is closed after the answer.
        source.handler(null);
        onCut.accept(cut);
        if (exceptionHandler != null) {
            exceptionHandler.handle(new CutOff(cut));
        }
    }

    private void watch() {
        if (timer < 0 && !done) {
            timer = vertx.setTimer(idleMillis, id -> {
                timer = -1;
                if (done) {
                    return;
                }
                long idle = (System.nanoTime() - lastProgress) / 1_000_000;
                if (idle >= idleMillis) {
                    cut(paused ? Cut.SERVICE_STALLED : Cut.CLIENT_TOO_SLOW);
                } else {
                    watch();
                }
            });
        }
    }

    private void stopWatching() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
    }

    @Override
    public ReadStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
        this.exceptionHandler = handler;
        source.exceptionHandler(
                handler == null
                        ? null
                        : failure -> {
                            if (!done) {
                                done = true;
                                stopWatching();
                                handler.handle(failure);
                            }
                        });
        return this;
    }

    @Override
    public ReadStream<Buffer> endHandler(Handler<Void> endHandler) {
        source.endHandler(
                endHandler == null
                        ? null
                        : ignored -> {
                            if (!done) {
                                done = true;
                                stopWatching();
                                onEnd.run();
                                endHandler.handle(null);
                            }
                        });
        return this;
    }

    @Override
    public ReadStream<Buffer> pause() {
        paused = true;
        lastProgress = System.nanoTime();
        source.pause();
        return this;
    }

    @Override
    public ReadStream<Buffer> resume() {
        paused = false;
        lastProgress = System.nanoTime();
        source.resume();
        return this;
    }

    @Override
    public ReadStream<Buffer> fetch(long amount) {
        paused = false;
        lastProgress = System.nanoTime();
        source.fetch(amount);
        return this;
    }
}
