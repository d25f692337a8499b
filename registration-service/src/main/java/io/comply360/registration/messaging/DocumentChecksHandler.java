package io.comply360.registration.messaging;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import io.comply360.contracts.document.DocumentEvents;
import io.comply360.platform.broker.CloudEvent;
import io.comply360.platform.broker.EventContract;
import io.comply360.platform.broker.EventHandler;
import io.comply360.platform.broker.PermanentEventException;
import io.comply360.platform.broker.QueueSpec;
import io.comply360.platform.broker.Topology;
import io.comply360.registration.checklist.DocumentChecks;
import io.smallrye.mutiny.Uni;

/** Keeps filings' checklists current from document-service's decisions (in the event's tenant, once per event). */
@ApplicationScoped
public class DocumentChecksHandler implements EventHandler {

    public static final QueueSpec QUEUE = new QueueSpec(
            "registration.document-events",
            Topology.DOCUMENT_PROCESSING,
            DocumentEvents.CHECKED.stream().map(c -> c.type().type()).toList());

    private final DocumentChecks checks;

    public DocumentChecksHandler(DocumentChecks checks) {
        this.checks = checks;
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
    public Uni<Void> handle(CloudEvent event) {
        for (EventContract<?> contract :
                List.of(DocumentEvents.VERIFIED, DocumentEvents.NEEDS_REVIEW, DocumentEvents.REJECTED)) {
            if (contract.matches(event)) {
                @SuppressWarnings("unchecked")
                EventContract<DocumentEvents.Checked> checked = (EventContract<DocumentEvents.Checked>) contract;
                String status =
                        contract.type().type().substring("document.".length()).toUpperCase(java.util.Locale.ROOT);
                return checks.record(event.requireTenant(), status, checked.read(event));
            }
        }
        throw new PermanentEventException(QUEUE.name() + " does not handle " + event.type());
    }
}
