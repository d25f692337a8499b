package io.comply360.document.documents;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A document version as the API shows it: its slot, file, status and reason, what was read (fields with their
 * confidence) and how it compared with the filing (findings). The detail adds the state history, the slot's other
 * versions and the tenant's other documents with the same bytes.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DocumentView(
        UUID id,
        UUID registrationId,
        String documentType,
        UUID personId,
        int version,
        DocumentStatus status,
        String reason,
        String fileName,
        String mediaType,
        long sizeBytes,
        String sha256,
        Integer pages,
        List<String> flags,
        String textSource,
        BigDecimal confidence,
        JsonNode fields,
        JsonNode findings,
        Long dataVersion,
        String uploadedBy,
        Instant uploadedAt,
        Instant processedAt,
        String decidedBy,
        Instant decidedAt,
        List<Duplicate> duplicates,
        List<StateView> history,
        List<VersionView> versions) {

    public static DocumentView of(Document d) {
        return of(d, null, null, null);
    }

    public static DocumentView of(
            Document d, List<Duplicate> duplicates, List<StateView> history, List<VersionView> versions) {
        return new DocumentView(
                d.id,
                d.registrationId,
                d.documentType,
                d.person(),
                d.version,
                d.status,
                d.reason,
                d.fileName,
                d.mediaType,
                d.sizeBytes,
                d.sha256,
                d.pages,
                d.flags == null ? List.of() : Arrays.asList(d.flags),
                d.textSource,
                d.confidence,
                Document.items(d.fields),
                Document.items(d.findings),
                d.dataVersion,
                d.uploadedBy,
                d.uploadedAt,
                d.processedAt,
                d.decidedBy,
                d.decidedAt,
                duplicates,
                history,
                versions);
    }

    /** Another document of the agency with the same bytes: which filing and slot it is on file for. */
    @RegisterForReflection
    public record Duplicate(
            UUID documentId, UUID registrationId, String documentType, int version, Instant uploadedAt) {
        public static Duplicate of(Document d) {
            return new Duplicate(d.id, d.registrationId, d.documentType, d.version, d.uploadedAt);
        }
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record StateView(DocumentStatus status, String reason, String actor, Instant at) {
        public static StateView of(DocumentState s) {
            return new StateView(s.status, s.reason, s.actor, s.at);
        }
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record VersionView(UUID id, int version, DocumentStatus status, String fileName, Instant uploadedAt) {
        public static VersionView of(Document d) {
            return new VersionView(d.id, d.version, d.status, d.fileName, d.uploadedAt);
        }
    }
}
