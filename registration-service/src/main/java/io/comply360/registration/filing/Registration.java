package io.comply360.registration.filing;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A filing: a client's registration of one type, its data per wizard step (pinned to the definition version it
 * started on), where it stands in the workflow, who holds it, and its SLA clock for the current state.
 */
@Entity
@Table(name = "registrations")
public class Registration {

    @Id
    public UUID id;

    @Column(name = "tenant_id", nullable = false, updatable = false)
    public UUID tenantId;

    public String reference;

    @Column(name = "client_id")
    public UUID clientId;

    public String country;
    public String type;

    @Column(name = "definition_version")
    public int definitionVersion;

    @Enumerated(EnumType.STRING)
    public RegistrationStatus status;

    /** Step id → that step's data. Replaced, never changed in place (so Hibernate sees every change). */
    @JdbcTypeCode(SqlTypes.JSON)
    public ObjectNode data;

    @Column(name = "data_version")
    public long dataVersion;

    /** Step id → the data version at which it last changed. */
    @Column(name = "step_versions")
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Long> stepVersions;

    @Column(name = "last_step")
    public String lastStep;

    @Column(name = "company_name")
    public String companyName;

    @Column(name = "agent_id")
    public String agentId;

    @Column(name = "assignee_id")
    public String assigneeId;

    @Column(name = "registry_reference")
    public String registryReference;

    @Column(name = "enterprise_number")
    public String enterpriseNumber;

    @Column(name = "state_entered_at")
    public Instant stateEnteredAt;

    @Column(name = "due_at")
    public Instant dueAt;

    @Column(name = "sla_breached_at")
    public Instant slaBreachedAt;

    public long version;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    public boolean overdue(Instant now) {
        return dueAt != null && !status.isFinal() && dueAt.isBefore(now);
    }
}
