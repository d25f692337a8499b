package io.comply360.document.documents;

/**
 * Where a document stands. {@code RECEIVED} (stored, checked) → {@code QUEUED} (its OCR job published) →
 * {@code PROCESSING} (a worker holds it) → one of the terminal states, each with a reason: {@code VERIFIED},
 * {@code NEEDS_REVIEW}, {@code REJECTED}, {@code FAILED}. A tenant admin's decision moves a terminal document to
 * VERIFIED or REJECTED; a re-check queues it again.
 */
public enum DocumentStatus {
    RECEIVED,
    QUEUED,
    PROCESSING,
    VERIFIED,
    NEEDS_REVIEW,
    REJECTED,
    FAILED;

    public boolean terminal() {
        return this == VERIFIED || this == NEEDS_REVIEW || this == REJECTED || this == FAILED;
    }
}
