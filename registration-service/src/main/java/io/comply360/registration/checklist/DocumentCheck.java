package io.comply360.registration.checklist;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** document-service's latest decision on one checklist slot of a filing. */
@Entity
@Table(name = "document_checks")
@IdClass(DocumentCheck.Slot.class)
public class DocumentCheck {

    /** Stands for "not per person" in the key (a key column cannot be null). */
    public static final UUID NO_PERSON = new UUID(0L, 0L);

    public static class Slot implements Serializable {
        public UUID tenantId;
        public UUID registrationId;
        public String documentType;
        public UUID personId;

        public Slot() {}

        public Slot(UUID tenantId, UUID registrationId, String documentType, UUID personId) {
            this.tenantId = tenantId;
            this.registrationId = registrationId;
            this.documentType = documentType;
            this.personId = personId;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Slot slot
                    && Objects.equals(tenantId, slot.tenantId)
                    && Objects.equals(registrationId, slot.registrationId)
                    && Objects.equals(documentType, slot.documentType)
                    && Objects.equals(personId, slot.personId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(tenantId, registrationId, documentType, personId);
        }
    }

    @Id
    @Column(name = "tenant_id")
    public UUID tenantId;

    @Id
    @Column(name = "registration_id")
    public UUID registrationId;

    @Id
    @Column(name = "document_type")
    public String documentType;

    @Id
    @Column(name = "person_id")
    public UUID personId;

    @Column(name = "document_id")
    public UUID documentId;

    @Column(name = "document_version")
    public int documentVersion;

    /** VERIFIED, NEEDS_REVIEW or REJECTED. */
    public String status;

    @Column(name = "data_version")
    public Long dataVersion;

    public String reason;

    @Column(name = "checked_at")
    public Instant checkedAt;
}
