package io.comply360.platform.data;

import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;

/**
 * What a resource hands to a service to run around the service's work inside the service's own transaction, e.g.
 * {@link IdempotencyKeys#guard}: the resource keeps HTTP (the key, the status, Location), the service keeps the
 * transaction and returns its domain result, and both commit together.
 *
 * @param <T> the service's domain result
 * @param <R> what the resource gets back
 */
@FunctionalInterface
public interface InTransaction<T, R> {

    /** Call inside the open transaction, with the work whose result is answered. */
    Uni<R> run(Supplier<Uni<T>> work);
}
