package io.comply360.document.documents;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A state a document entered: when, why, and who moved it (a user id, or "worker"). Never changed. */
@Entity
@Table(name = "document_states")
public class DocumentState {

    @Id
    public UUID id;

    @Column(name = "tenant_id", nullable = false, updatable = false)
    public UUID tenantId;

    @Column(name = "document_id")
    public UUID documentId;

    public Instant at;

    @Enumerated(EnumType.STRING)
    public DocumentStatus status;

    public String reason;
    public String actor;
}
