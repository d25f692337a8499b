package io.comply360.notification.messaging;

import java.util.List;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.comply360.notification.delivery.Planner;
import io.comply360.platform.broker.QueueSpec;
import io.comply360.platform.broker.Topology;

/** Consumes {@code notification.requests}: messages other services ask for. */
@Singleton
public class RequestsHandler extends WorkflowHandler {

    public static final QueueSpec QUEUE =
            new QueueSpec("notification.requests", Topology.NOTIFICATION_EVENTS, List.of("notification.requested"));

    public RequestsHandler(Planner planner) {
        super(QUEUE, planner);
    }

    @Produces
    QueueSpec queueSpec() {
        return QUEUE;
    }
}
