package io.comply360.notification.messaging;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import io.comply360.contracts.notification.NotificationEvents;
import io.comply360.notification.delivery.Dispatcher;
import io.comply360.platform.broker.CloudEvent;
import io.comply360.platform.broker.EventHandler;
import io.comply360.platform.broker.PermanentEventException;
import io.comply360.platform.broker.QueueSpec;
import io.comply360.platform.broker.Topology;
import io.smallrye.mutiny.Uni;

/**
 * Consumes {@code notification.deliveries}: one queued e-mail or SMS handed to its provider per delivery. Its retry
 * steps are the message's retries, its DLQ the messages that failed for good. Two at a time per process: providers
 * answer in a second or so, and one agency's slow messages must not hold everyone's.
 */
@ApplicationScoped
public class DeliveriesHandler implements EventHandler {

    public static final QueueSpec QUEUE = new QueueSpec(
            "notification.deliveries",
            Topology.NOTIFICATION_EVENTS,
            List.of(NotificationEvents.DELIVER.type().type()));

    private final Dispatcher dispatcher;

    public DeliveriesHandler(Dispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @Produces
    QueueSpec queueSpec() {
        return QUEUE;
    }

    @Override
    public String queue() {
        return QUEUE.name();
    }

    @Override
    public boolean transactional() {
        return false;
    }

    @Override
    public int consumers() {
        return 2;
    }

    @Override
    public Uni<Void> handle(CloudEvent event) {
        if (!NotificationEvents.DELIVER.matches(event)) {
            throw new PermanentEventException(QUEUE.name() + " does not handle " + event.type());
        }
        NotificationEvents.Deliver deliver = NotificationEvents.DELIVER.read(event);
        return dispatcher.deliver(event.requireTenant(), deliver.messageId());
    }
}
