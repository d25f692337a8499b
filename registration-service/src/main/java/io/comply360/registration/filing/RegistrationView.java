package io.comply360.registration.filing;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import io.comply360.registration.checklist.ChecklistView;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** A filing as its page shows it: the summary, every step's data and progress, the checklist. */
@RegisterForReflection
public record RegistrationView(
        UUID id,
        String reference,
        UUID clientId,
        String country,
        String type,
        int definitionVersion,
        RegistrationStatus status,
        String companyName,
        String agentId,
        String assigneeId,
        String registryReference,
        String enterpriseNumber,
        Instant stateEnteredAt,
        Instant dueAt,
        boolean overdue,
        String lastStep,
        List<StepProgress> steps,
        JsonNode data,
        long dataVersion,
        ChecklistView checklist,
        long version,
        Instant createdAt,
        Instant updatedAt) {

    /** The filing with its steps' progress and checklist, {@code overdue} as of {@code now}. */
    public static RegistrationView of(Registration r, List<StepProgress> steps, ChecklistView checklist, Instant now) {
        return new RegistrationView(
                r.id,
                r.reference,
                r.clientId,
                r.country,
                r.type,
                r.definitionVersion,
                r.status,
                r.companyName,
                r.agentId,
                r.assigneeId,
                r.registryReference,
                r.enterpriseNumber,
                r.stateEnteredAt,
                r.dueAt,
                r.overdue(now),
                r.lastStep,
                steps,
                r.data,
                r.dataVersion,
                checklist,
                r.version,
                r.createdAt,
                r.updatedAt);
    }

    @RegisterForReflection
    public record StepProgress(String id, Map<String, String> title, boolean saved) {}

    /** A row of a list: no data, no checklist. */
    @RegisterForReflection
    public record Summary(
            UUID id,
            String reference,
            UUID clientId,
            String country,
            String type,
            int definitionVersion,
            RegistrationStatus status,
            String companyName,
            String agentId,
            String assigneeId,
            String lastStep,
            Instant stateEnteredAt,
            Instant dueAt,
            boolean overdue,
            long version,
            Instant createdAt,
            Instant updatedAt) {

        public static Summary of(Registration r, Instant now) {
            return new Summary(
                    r.id,
                    r.reference,
                    r.clientId,
                    r.country,
                    r.type,
                    r.definitionVersion,
                    r.status,
                    r.companyName,
                    r.agentId,
                    r.assigneeId,
                    r.lastStep,
                    r.stateEnteredAt,
                    r.dueAt,
                    r.overdue(now),
                    r.version,
                    r.createdAt,
                    r.updatedAt);
        }
    }

    /** What document-service verifies a document against, and the data version it records. */
    @RegisterForReflection
    public record FilingData(
            UUID registrationId,
            String reference,
            String country,
            String type,
            int definitionVersion,
            RegistrationStatus status,
            String companyName,
            String enterpriseNumber,
            UUID clientId,
            String agentId,
            String assigneeId,
            long dataVersion,
            Map<String, Long> stepVersions,
            JsonNode data,
            List<DocumentSlot> slots) {}

    /** A slot of the filing's checklist: the document type and, for per-person types, the person. */
    @RegisterForReflection
    public record DocumentSlot(String documentType, UUID personId, String personName) {}
}
