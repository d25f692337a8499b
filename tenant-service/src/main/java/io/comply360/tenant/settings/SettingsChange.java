package io.comply360.tenant.settings;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One saved version of a tenant's settings: who saved it, which fields changed, and what they became. */
@Entity
@Immutable // never updated (nor dirty-checked): the application role may not change the history
@Table(name = "settings_history")
public class SettingsChange {

    @Id
    public UUID id;

    @Column(name = "tenant_id")
    public UUID tenantId;

    public long version;

    @Column(name = "changed_at")
    public Instant changedAt;

    @Column(name = "changed_by")
    public String changedBy;

    @Column(name = "changed_fields")
    public String[] changedFields;

    /** The settings as saved, without the logo (stored and replaced on its own, see LogoService). */
    @JdbcTypeCode(SqlTypes.JSON)
    public SettingsView snapshot;
}
