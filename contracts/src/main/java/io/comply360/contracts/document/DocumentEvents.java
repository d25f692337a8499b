package io.comply360.contracts.document;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.Nullable;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.comply360.platform.broker.EventContract;
import io.comply360.platform.broker.Topology;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Outcomes of document checks on {@code document.processing}, published by document-service when a document of a
 * filing's checklist slot (filing, document type, and person where the type is per person) reaches a decision.
 * registration-service keeps its checklist current from them.
 */
public final class DocumentEvents {

    public static final EventContract<Checked> VERIFIED = checked("document.verified");
    public static final EventContract<Checked> NEEDS_REVIEW = checked("document.needs_review");
    public static final EventContract<Checked> REJECTED = checked("document.rejected");

    public static final List<EventContract<?>> CHECKED = List.of(VERIFIED, NEEDS_REVIEW, REJECTED);

    /** A document version was stored and checked for safety: the OCR worker's job (its queue binds this). */
    public static final EventContract<Uploaded> UPLOADED =
            EventContract.of(Topology.DOCUMENT_PROCESSING, "document.uploaded", 1, Uploaded.class);

    /** Processing gave up on a document (unreadable, or it failed every attempt): a person must look at it. */
    public static final EventContract<Failed> FAILED =
            EventContract.of(Topology.DOCUMENT_PROCESSING, "document.failed", 1, Failed.class);

    public static final List<EventContract<?>> ALL = List.of(UPLOADED, VERIFIED, NEEDS_REVIEW, REJECTED, FAILED);

    private DocumentEvents() {}

    private static EventContract<Checked> checked(String type) {
        return EventContract.of(Topology.DOCUMENT_PROCESSING, type, 1, Checked.class);
    }

    /**
     * {@code dataVersion}: the version of the filing's data the document was verified against (null when it was not
     * compared, e.g. a rejection before extraction); {@code reason}: why it needs review or was rejected, without
     * personal values (e.g. "the ID number on the page differs from the director's").
     */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Checked(
            UUID documentId,
            UUID registrationId,
            String documentType,
            @Nullable UUID personId,
            Integer documentVersion,
            @Nullable Long dataVersion,
            @Nullable String reason,
            Instant checkedAt) {}

    /**
     * {@code attempt}: 1 for the upload, one more each time the document is queued again (a re-check after the
     * filing changed, a job returned by the sweeper); the worker ignores a job it has already moved past.
     */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Uploaded(
            UUID documentId,
            UUID registrationId,
            String documentType,
            @Nullable UUID personId,
            Integer documentVersion,
            String mediaType,
            Long sizeBytes,
            @Nullable Integer pages,
            List<String> flags,
            Integer attempt,
            String uploadedBy,
            Instant uploadedAt) {}

    /** {@code reason}: why processing gave up, without personal values. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Failed(
            UUID documentId,
            UUID registrationId,
            String documentType,
            @Nullable UUID personId,
            Integer documentVersion,
            String reason,
            Integer attempts,
            Instant failedAt) {}
}
