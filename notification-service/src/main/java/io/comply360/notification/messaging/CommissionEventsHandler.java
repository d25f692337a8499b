package io.comply360.notification.messaging;

import java.util.List;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.comply360.notification.delivery.Planner;
import io.comply360.platform.broker.QueueSpec;
import io.comply360.platform.broker.Topology;

/** Consumes {@code notification.commission-events}: agents' money, and Odoo syncs a tenant admin must fix. */
@Singleton
public class CommissionEventsHandler extends WorkflowHandler {

    public static final QueueSpec QUEUE = new QueueSpec(
            "notification.commission-events",
            Topology.COMMISSION_EVENTS,
            List.of("commission.approved", "commission.paid", "commission.sync_failed"));

    public CommissionEventsHandler(Planner planner) {
        super(QUEUE, planner);
    }

    @Produces
    QueueSpec queueSpec() {
        return QUEUE;
    }
}
