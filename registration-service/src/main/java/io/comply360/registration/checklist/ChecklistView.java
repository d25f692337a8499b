package io.comply360.registration.checklist;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A filing's document checklist: one slot per required document (per person where the type is per person).
 * {@code complete}: every required slot is verified against the current data.
 */
@RegisterForReflection
public record ChecklistView(boolean complete, List<Slot> slots) {

    /**
     * {@code status}: MISSING (nothing decided yet), VERIFIED, NEEDS_REVIEW (a tenant admin must look at it),
     * REJECTED (upload again), STALE (verified against data that has changed since: to be verified again).
     */
    @RegisterForReflection
    public record Slot(
            String documentType,
            Map<String, String> label,
            UUID personId,
            String personName,
            boolean required,
            String status,
            UUID documentId,
            String reason,
            Instant checkedAt) {

        public boolean satisfied() {
            return !required || "VERIFIED".equals(status);
        }

        /** How the slot is named in a problem: {@code documents.id_copy[<personId>]}. */
        public String field() {
            return "documents." + documentType + (personId == null ? "" : "[" + personId + "]");
        }
    }
}
