package io.comply360.document.worker;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import io.comply360.contracts.document.DocumentEvents;
import io.comply360.platform.broker.CloudEvent;
import io.comply360.platform.broker.EventHandler;
import io.comply360.platform.broker.PermanentEventException;
import io.comply360.platform.broker.QueueSpec;
import io.comply360.platform.broker.Topology;
import io.quarkus.arc.lookup.LookupIfProperty;
import io.smallrye.mutiny.Uni;

/**
 * The OCR worker's queue: {@code document.uploaded} wakes a job ({@link OcrWorker}). Only processes started as the
 * worker ({@code comply360.document.worker=true}, the {@code worker} profile) consume it, so OCR never runs in, or
 * slows, the API. Non-transactional: a job calls S3, the tools and registration-service, and opens its own short
 * transactions; a redelivered or replayed event finds the job done and does nothing.
 */
@ApplicationScoped
@LookupIfProperty(name = "comply360.document.worker", stringValue = "true")
public class OcrJobsHandler implements EventHandler {

    public static final QueueSpec QUEUE = new QueueSpec(
            "document.ocr-jobs",
            Topology.DOCUMENT_PROCESSING,
            List.of(DocumentEvents.UPLOADED.type().type()));

    private final OcrWorker worker;

    public OcrJobsHandler(OcrWorker worker) {
        this.worker = worker;
    }

    /** Declared by every process of the service (API and worker), consumed by workers only. */
    @Produces
    static QueueSpec queueSpec() {
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

    /** One job per thread of the OCR pool: each consumer applies its delivery while the others do theirs. */
    @Override
    public int consumers() {
        return worker.concurrency();
    }

    @Override
    public Uni<Void> handle(CloudEvent event) {
        if (!DocumentEvents.UPLOADED.matches(event)) {
            throw new PermanentEventException(QUEUE.name() + " does not handle " + event.type());
        }
        DocumentEvents.Uploaded uploaded = DocumentEvents.UPLOADED.read(event);
        return worker.process(event.requireTenant(), uploaded.documentId()).map(outcome -> {
            switch (outcome) {
                case PERMANENT ->
                    throw new PermanentEventException("document " + uploaded.documentId()
                            + " could not be processed; it is FAILED with its reason");
                case RETRY ->
                    throw new IllegalStateException(
                            "document " + uploaded.documentId() + " failed for now; it is queued to be read again");
                default -> {
                    return null;
                }
            }
        });
    }
}
