package io.comply360.commission.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import io.comply360.commission.odoo.SyncRuns;
import io.comply360.contracts.commission.CommissionEvents;
import io.comply360.platform.broker.CloudEvent;
import io.comply360.platform.broker.EventHandler;
import io.comply360.platform.broker.PermanentEventException;
import io.comply360.platform.broker.QueueSpec;
import io.comply360.platform.broker.Topology;
import io.smallrye.mutiny.Uni;

/**
 * Wakes the Odoo sync for a job that is due now. The job is a database row: this only saves the wait for the next
 * poll; a lost or repeated wake-up changes nothing (a job not due, or claimed, is left alone). Non-transactional:
 * the run calls Odoo between its own short transactions.
 */
@ApplicationScoped
public class OdooSyncHandler implements EventHandler {

    public static final QueueSpec QUEUE = new QueueSpec(
            "commission.odoo-sync",
            Topology.INTEGRATION_SYNC,
            java.util.List.of(CommissionEvents.SYNC_REQUESTED.type().type()));

    private final SyncRuns runs;

    public OdooSyncHandler(SyncRuns runs) {
        this.runs = runs;
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
    public Uni<Void> handle(CloudEvent event) {
        if (!CommissionEvents.SYNC_REQUESTED.matches(event)) {
            throw new PermanentEventException(QUEUE.name() + " does not handle " + event.type());
        }
        return runs.run(
                        event.requireTenant(),
                        CommissionEvents.SYNC_REQUESTED.read(event).jobId())
                .replaceWithVoid();
    }
}
