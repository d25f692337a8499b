package io.comply360.platform.data;

import java.util.function.Supplier;

import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;

/** Runs reactive work from a test thread on a Vert.x context (as Panache needs) and waits for its result. */
final class Reactive {

    private Reactive() {}

    static <T> T await(Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (Throwable e) {
            throw e instanceof RuntimeException r ? r : new RuntimeException(e);
        }
    }
}
