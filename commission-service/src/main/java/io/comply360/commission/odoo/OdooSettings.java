package io.comply360.commission.odoo;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** Where the agency's Odoo is and as whom to call it; the API key only encrypted. */
@Entity
@Table(name = "odoo_settings")
public class OdooSettings {

    @Id
    @Column(name = "tenant_id", nullable = false, updatable = false)
    public UUID tenantId;

    public String url;

    @Column(name = "database_name")
    public String database;

    public String login;

    @Column(name = "api_key_cipher")
    public String apiKeyCipher;

    public boolean enabled;

    /** What Odoo said when it refused the login or the key; cleared when the settings change or a call succeeds. */
    @Column(name = "configuration_error")
    public String configurationError;

    @Column(name = "updated_by")
    public String updatedBy;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Version
    @Column(name = "row_version")
    public long rowVersion;
}
