package io.comply360.registration.client;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A company or person the agency files for. Archived clients keep their filings but get no new ones. */
@Entity
@Table(name = "clients")
public class Client {

    public enum Kind {
        company,
        person
    }

    @Id
    public UUID id;

    @Column(name = "tenant_id", nullable = false, updatable = false)
    public UUID tenantId;

    @Enumerated(EnumType.STRING)
    public Kind kind;

    public String name;

    @Column(name = "registration_number")
    public String registrationNumber;

    public String email;
    public String phone;
    public String locale;

    @Column(name = "archived_at")
    public Instant archivedAt;

    @Column(name = "archived_by")
    public String archivedBy;

    public long version;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Column(name = "updated_by")
    public String updatedBy;

    public boolean archived() {
        return archivedAt != null;
    }
}
