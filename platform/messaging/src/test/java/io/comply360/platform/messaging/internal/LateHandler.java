package io.comply360.platform.messaging.internal;

import java.util.List;

import io.comply360.platform.broker.CloudEvent;
import io.comply360.platform.broker.EventHandler;
import io.comply360.platform.broker.EventType;
import io.comply360.platform.broker.QueueSpec;
import io.comply360.platform.broker.Topology;
import io.comply360.platform.broker.internal.EventConsumers;
import io.smallrye.mutiny.Uni;

/**
 * A consumer that is not a bean, so nothing runs it at startup: a test subscribes it through
 * {@link EventConsumers#subscribe} when it wants the consumer to start. Same effect as {@link WidgetHandler}.
 */
class LateHandler implements EventHandler {

    static final QueueSpec QUEUE = new QueueSpec("platform-test.late", Topology.TENANT_EVENTS, List.of("late.#"));
    static final EventType LATE_WIDGET = new EventType(Topology.TENANT_EVENTS, "late.widget", 1);
    /** A second queue nothing consumes until a test subscribes: events wait in it for their first consumer. */
    static final QueueSpec EARLY = new QueueSpec("platform-test.early", Topology.TENANT_EVENTS, List.of("early.#"));

    static final EventType EARLY_WIDGET = new EventType(Topology.TENANT_EVENTS, "early.widget", 1);

    private final String queue;

    LateHandler(String queue) {
        this.queue = queue;
    }

    @Override
    public String queue() {
        return queue;
    }

    @Override
    public Uni<Void> handle(CloudEvent event) {
        return WidgetHandler.record(event);
    }
}
