package io.comply360.notification.messaging;

import io.comply360.notification.delivery.Planner;
import io.comply360.notification.workflow.Triggers;
import io.comply360.platform.broker.CloudEvent;
import io.comply360.platform.broker.EventHandler;
import io.comply360.platform.broker.PermanentEventException;
import io.comply360.platform.broker.QueueSpec;
import io.smallrye.mutiny.Uni;

/**
 * A queue of events that start workflows: each event is read through its contract and planned into messages.
 * Non-transactional: recipients are looked up in other services, which no transaction may wait on; once per event
 * by the planner's own mark (a redelivered event sends nothing new).
 */
public abstract class WorkflowHandler implements EventHandler {

    private final QueueSpec spec;
    private final Planner planner;

    protected WorkflowHandler(QueueSpec spec, Planner planner) {
        this.spec = spec;
        this.planner = planner;
    }

    @Override
    public String queue() {
        return spec.name();
    }

    @Override
    public boolean transactional() {
        return false;
    }

    @Override
    public Uni<Void> handle(CloudEvent event) {
        if (!spec.bindingKeys().contains(event.type())) {
            throw new PermanentEventException(spec.name() + " does not handle " + event.type());
        }
        return planner.plan(Triggers.of(event)).replaceWithVoid();
    }
}
