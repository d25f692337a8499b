package io.comply360.notification.messaging;

import java.util.List;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.comply360.notification.delivery.Planner;
import io.comply360.platform.broker.QueueSpec;
import io.comply360.platform.broker.Topology;

/** Consumes {@code notification.registration-events}: a filing's life as its agent, holder, reviewers and client hear of it. */
@Singleton
public class RegistrationEventsHandler extends WorkflowHandler {

    public static final QueueSpec QUEUE = new QueueSpec(
            "notification.registration-events",
            Topology.REGISTRATION_EVENTS,
            List.of(
                    "registration.submitted",
                    "registration.assigned",
                    "registration.changes_requested",
                    "registration.approved",
                    "registration.rejected",
                    "registration.filed",
                    "registration.registered",
                    "registration.sla_breached"));

    public RegistrationEventsHandler(Planner planner) {
        super(QUEUE, planner);
    }

    @Produces
    QueueSpec queueSpec() {
        return QUEUE;
    }
}
