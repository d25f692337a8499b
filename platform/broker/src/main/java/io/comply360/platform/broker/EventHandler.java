package io.comply360.platform.broker;

import io.smallrye.mutiny.Uni;

/**
 * A consumer of one queue of {@link Topology}. Implement it as an {@code @ApplicationScoped} bean; the
 * platform subscribes it when the broker is reachable. Throw {@link PermanentEventException} for an event that
 * can never succeed (straight to the DLQ); any other failure, and a call that has not completed within
 * {@code comply360.messaging.handler-timeout}, is retried with growing delays, then dead-lettered.
 *
 * <p>Two modes, the same retries and DLQ:
 * <ul>
 * <li><b>transactional</b> (the default): {@link #handle} runs inside a transaction of the event's tenant (none
 * for platform-wide events) in which the event id is also recorded in the inbox, so the effect happens once
 * however often the event is delivered. Needs platform-messaging (a database); an application without it
 * refuses to start with such a handler.</li>
 * <li><b>non-transactional</b> ({@link #transactional()} returns false): {@link #handle} is called with no
 * transaction and no inbox, on a Vert.x context. For handlers that call remote systems (Keycloak, say) and so must
 * never hold a database transaction or row lock while they wait, or that have no database at all. Such a handler
 * must be idempotent by its own state (a redelivered or replayed event is applied again) and opens its own short
 * transactions where it writes.</li>
 * </ul>
 */
public interface EventHandler {

    /** The queue this handler consumes, e.g. {@code Topology.NOTIFICATION_TENANT_EVENTS.name()}. */
    String queue();

    Uni<Void> handle(CloudEvent event);

    /** Whether {@link #handle} runs in the event's tenant transaction with the inbox claim (see above). */
    default boolean transactional() {
        return true;
    }

    /**
     * How many of this queue's deliveries are applied at once in this process: one consumer per channel, each
     * applying its deliveries one after the other. 1 (the default) keeps a queue's deliveries in order within a
     * process; a worker whose jobs are long and independent (OCR) takes one per core.
     */
    default int consumers() {
        return 1;
    }
}
