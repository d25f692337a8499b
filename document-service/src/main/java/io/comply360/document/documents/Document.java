package io.comply360.document.documents;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import com.fasterxml.jackson.databind.JsonNode;

/** One uploaded version of a checklist slot (filing, document type, person), its processing and its decision. */
@Entity
@Table(name = "documents")
public class Document {

    /** The person id of a slot that is not per person. */
    public static final UUID NO_PERSON = new UUID(0L, 0L);

    @Id
    public UUID id;

    @Column(name = "tenant_id", nullable = false, updatable = false)
    public UUID tenantId;

    @Column(name = "registration_id")
    public UUID registrationId;

    @Column(name = "document_type")
    public String documentType;

    @Column(name = "person_id")
    public UUID personId;

    public int version;

    @Enumerated(EnumType.STRING)
    public DocumentStatus status;

    @Column(name = "file_name")
    public String fileName;

    @Column(name = "declared_type")
    public String declaredType;

    @Column(name = "media_type")
    public String mediaType;

    @Column(name = "size_bytes")
    public long sizeBytes;

    public String sha256;
    public Integer pages;

    @Column(name = "width_px")
    public Integer widthPx;

    @Column(name = "height_px")
    public Integer heightPx;

    public String[] flags;

    @Column(name = "object_key")
    public String objectKey;

    @Column(name = "text_key")
    public String textKey;

    @Column(name = "text_source")
    public String textSource;

    public BigDecimal confidence;

    /**
     * Extracted fields, {@code {"items": [{name, value, confidence, checked, source}]}}: Hibernate Reactive binds JSON
     * columns as objects, so lists are wrapped ({@link #items}).
     */
    @JdbcTypeCode(SqlTypes.JSON)
    public JsonNode fields;

    /** What verification compared, {@code {"items": [{field, outcome, detail}]}}. */
    @JdbcTypeCode(SqlTypes.JSON)
    public JsonNode findings;

    public String reason;

    @Column(name = "data_version")
    public Long dataVersion;

    public int attempts;

    @Column(name = "lease_until")
    public Instant leaseUntil;

    @Column(name = "uploaded_by")
    public String uploadedBy;

    @Column(name = "uploaded_at")
    public Instant uploadedAt;

    @Column(name = "processed_at")
    public Instant processedAt;

    @Column(name = "decided_by")
    public String decidedBy;

    @Column(name = "decided_at")
    public Instant decidedAt;

    @Version
    @Column(name = "row_version")
    public long rowVersion;

    /** A JSON column's list as stored. */
    public static JsonNode wrap(Object items) {
        return JSON.createObjectNode().set("items", JSON.valueToTree(items));
    }

    /** A JSON column's list. */
    public static JsonNode items(JsonNode column) {
        return column == null ? JSON.createArrayNode() : column.path("items");
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    /** The slot's person, or null for a slot that is not per person. */
    public UUID person() {
        return NO_PERSON.equals(personId) ? null : personId;
    }
}
