package io.comply360.platform.data;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.comply360.platform.error.ProblemException;
import io.comply360.platform.error.ProblemType;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * One holder at a time for work that calls remote systems, across every replica of a service: a row in
 * {@code leases}, taken and given back in statements of their own, so nothing waits holding a database connection
 * or a row lock. Who cannot take a lease polls for it (growing pauses) until {@code wait} runs out, then gets a
 * 503 problem to retry later. While the work runs its holder extends the lease every third of {@code ttl}, so
 * slow work keeps it however long its remote calls take; a holder that died stops extending it, and the lease is
 * free {@code ttl} later.
 *
 * <pre>
 * leases.holding("people:" + tenantId, Duration.ofSeconds(60), Duration.ofSeconds(10), () -> keycloakWork());
 * </pre>
 */
@ApplicationScoped
public class Leases {

    private static final Duration FIRST_PAUSE = Duration.ofMillis(25);
    private static final Duration LONGEST_PAUSE = Duration.ofMillis(400);

    private final Pool pool;
    private final Vertx vertx;

    public Leases(Pool pool, Vertx vertx) {
        this.pool = pool;
        this.vertx = vertx;
    }

    /** Runs {@code work} while holding lease {@code name}; never call it inside a transaction. */
    public <T> Uni<T> holding(String name, Duration ttl, Duration wait, Supplier<Uni<T>> work) {
        return Uni.createFrom().<T>deferred(() -> {
            String holder = UUID.randomUUID().toString();
            long deadline = System.nanoTime() + wait.toNanos();
            Context context = Vertx.currentContext();
            return acquire(name, holder, ttl, deadline, FIRST_PAUSE, context)
                    .chain(() -> {
                        long keepAlive =
                                vertx.setPeriodic(Math.max(1, ttl.toMillis() / 3), id -> extend(name, holder, ttl));
                        return Uni.createFrom()
                                .<T>deferred(work::get)
                                .onTermination()
                                .invoke(() -> vertx.cancelTimer(keepAlive));
                    })
                    .onTermination()
                    .call(() -> release(name, holder));
        });
    }

    private Uni<Void> acquire(
            String name, String holder, Duration ttl, long deadline, Duration pause, Context context) {
        return pool.preparedQuery("""
                insert into leases (name, holder, expires_at) values ($1, $2, now() + make_interval(secs => $3))
                on conflict (name) do update set holder = excluded.holder, expires_at = excluded.expires_at
                where leases.expires_at < now()
                """)
                .execute(Tuple.of(name, holder, ttl.toMillis() / 1000.0))
                .chain(taken -> {
                    if (taken.rowCount() == 1) {
                        return Uni.createFrom().voidItem();
                    }
                    if (System.nanoTime() > deadline) {
                        return Uni.createFrom()
                                .failure(new ProblemException(
                                        ProblemType.SERVICE_UNAVAILABLE,
                                        "Another change of the same thing is in progress; try again shortly",
                                        List.of()));
                    }
                    Duration next =
                            pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
                    return pause(pause, context).chain(() -> acquire(name, holder, ttl, deadline, next, context));
                });
    }

    /** Waits on the caller's Vert.x context, so that what follows (Panache) runs where it must. */
    private static Uni<Void> pause(Duration pause, Context context) {
        if (context == null) {
            return Uni.createFrom().voidItem().onItem().delayIt().by(pause);
        }
        return Uni.createFrom()
                .emitter(emitter -> context.runOnContext(
                        ignored -> context.owner().setTimer(pause.toMillis(), id -> emitter.complete(null))));
    }

    private void extend(String name, String holder, Duration ttl) {
        pool.preparedQuery(
                        "update leases set expires_at = now() + make_interval(secs => $3) where name = $1 and holder = $2")
                .execute(Tuple.of(name, holder, ttl.toMillis() / 1000.0))
                .subscribe()
                .with(
                        extended -> {
                            if (extended.rowCount() == 0) {
                                Log.warnf("Lease %s was lost while its work ran (expired and taken over)", name);
                            }
                        },
                        failure -> Log.warnf(
                                "Could not extend lease %s (%s); it expires unless a later try succeeds",
                                name, failure.toString()));
    }

    private Uni<Void> release(String name, String holder) {
        return pool.preparedQuery("delete from leases where name = $1 and holder = $2")
                .execute(Tuple.of(name, holder))
                .replaceWithVoid()
                .onFailure()
                .recoverWithItem(failure -> {
                    Log.warnf("Could not give lease %s back (%s); it expires on its own", name, failure.toString());
                    return null;
                });
    }
}
