package io.comply360.platform.messaging;

import io.smallrye.mutiny.Uni;

/**
 * A consumer of one queue of {@link Topology}. Implement it as an {@code @ApplicationScoped} bean; the
 * platform subscribes it when the broker is reachable. {@link #handle} runs inside a transaction of the
 * event's tenant (none for platform-wide events) in which the event id is also recorded in the inbox, so the
 * effect happens once however often the event is delivered. Throw {@link PermanentEventException} for an
 * event that can never succeed (straight to the DLQ); any other failure is retried with growing delays, then
 * dead-lettered.
 */
public interface EventHandler {

    /** The queue this handler consumes, e.g. {@code Topology.NOTIFICATION_TENANT_EVENTS.name()}. */
    String queue();

    Uni<Void> handle(CloudEvent event);
}
