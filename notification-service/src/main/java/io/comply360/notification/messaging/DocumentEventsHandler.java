package io.comply360.notification.messaging;

import java.util.List;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.comply360.notification.delivery.Planner;
import io.comply360.platform.broker.QueueSpec;
import io.comply360.platform.broker.Topology;

/** Consumes {@code notification.document-events}: documents that need the agent or a reviewer. */
@Singleton
public class DocumentEventsHandler extends WorkflowHandler {

    public static final QueueSpec QUEUE = new QueueSpec(
            "notification.document-events",
            Topology.DOCUMENT_PROCESSING,
            List.of("document.rejected", "document.needs_review"));

    public DocumentEventsHandler(Planner planner) {
        super(QUEUE, planner);
    }

    @Produces
    QueueSpec queueSpec() {
        return QUEUE;
    }
}
