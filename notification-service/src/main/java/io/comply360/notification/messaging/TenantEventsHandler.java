package io.comply360.notification.messaging;

import java.util.List;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.comply360.notification.delivery.Planner;
import io.comply360.platform.broker.QueueSpec;
import io.comply360.platform.broker.Topology;

/** Consumes {@code notification.tenant-events}: a new agency's admins are welcomed, an invited person is told who invited them. */
@Singleton
public class TenantEventsHandler extends WorkflowHandler {

    public static final QueueSpec QUEUE = new QueueSpec(
            "notification.tenant-events", Topology.TENANT_EVENTS, List.of("tenant.provisioned", "tenant.user_invited"));

    public TenantEventsHandler(Planner planner) {
        super(QUEUE, planner);
    }

    @Produces
    QueueSpec queueSpec() {
        return QUEUE;
    }
}
