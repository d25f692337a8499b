package io.comply360.platform.concurrent;

import java.util.function.Supplier;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Keeps what follows a remote call on the caller's Vert.x context. A client may complete (or fail) on another
 * thread — the REST client hands some failures over on a worker — and whatever comes next (Panache above all) must
 * run on the context that started the call.
 */
public final class CallerContext {

    private CallerContext() {}

    /**
     * {@code call}, with its item or failure delivered on the context that subscribed (when there is one): at once
     * when it arrives there, through that context's queue when it arrives on another.
     */
    public static <T> Uni<T> resumeOn(Supplier<Uni<T>> call) {
        return Uni.createFrom().<T>deferred(() -> {
            Context context = Vertx.currentContext();
            Uni<T> result = Uni.createFrom().<T>deferred(call::get);
            return context == null
                    ? result
                    : result.emitOn(task -> {
                        if (Vertx.currentContext() == context) {
                            task.run();
                        } else {
                            context.runOnContext(ignored -> task.run());
                        }
                    });
        });
    }

    /**
     * {@code work} on a new duplicated context of its own (marked safe), its result delivered back on the caller's
     * context. For units of work started side by side from one context: Panache keeps one session — and so one
     * tenant transaction — per context, so two transactions begun from the same context would collide.
     */
    public static <T> Uni<T> onOwnContext(Supplier<Uni<T>> work) {
        return resumeOn(() -> Uni.createFrom().<T>emitter(emitter -> {
            Context caller = Vertx.currentContext();
            if (caller == null) {
                emitter.fail(new IllegalStateException("onOwnContext needs a Vert.x context to start from"));
                return;
            }
            Context own = VertxContext.createNewDuplicatedContext(caller);
            VertxContextSafetyToggle.setContextSafe(own, true);
            own.runOnContext(ignored -> work.get().subscribe().with(emitter::complete, emitter::fail));
        }));
    }
}
