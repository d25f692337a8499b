package io.comply360.notification.template;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A tenant's version of one template; {@code reverted} puts the built-in one back from this version on. */
@Entity
@Table(name = "templates")
public class TemplateVersion {

    @Id
    public UUID id;

    @Column(name = "tenant_id")
    public UUID tenantId;

    public String workflow;

    public String channel;

    public String locale;

    public int version;

    public boolean reverted;

    public String subject;

    public String body;

    public String html;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "created_at")
    public Instant createdAt;
}
