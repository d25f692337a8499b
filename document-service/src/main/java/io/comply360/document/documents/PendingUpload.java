package io.comply360.document.documents;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A presigned upload not completed yet: what the client announced, and where its object waits in quarantine. */
@Entity
@Table(name = "pending_uploads")
public class PendingUpload {

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

    @Column(name = "file_name")
    public String fileName;

    @Column(name = "declared_type")
    public String declaredType;

    @Column(name = "size_bytes")
    public long sizeBytes;

    @Column(name = "object_key")
    public String objectKey;

    @Column(name = "expires_at")
    public Instant expiresAt;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "created_at")
    public Instant createdAt;
}
