package io.comply360.platform.broker.internal;

import java.util.UUID;
import java.util.function.Supplier;

import io.comply360.platform.broker.CloudEvent;
import io.comply360.platform.broker.EventHandler;
import io.smallrye.mutiny.Uni;

/**
 * How a {@linkplain EventHandler#transactional() transactional} handler's delivery is applied: platform-messaging
 * provides the bean (the event's tenant transaction and the inbox claim). {@link EventConsumers} uses it when
 * present; without it (an application with no database) a transactional handler is a startup error.
 */
public interface TransactionalDelivery {

    /**
     * Applies {@code effect} at most once per {@code consumer} and event: in one transaction of {@code tenant}
     * (none for platform-wide events) that also records the event id. Emits true when applied, false for a
     * duplicate (nothing done).
     */
    Uni<Boolean> apply(String consumer, CloudEvent event, UUID tenant, Supplier<Uni<Void>> effect);
}
