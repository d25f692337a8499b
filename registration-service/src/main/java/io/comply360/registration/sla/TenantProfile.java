package io.comply360.registration.sla;

import java.time.DayOfWeek;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A tenant's SLA settings as tenant-service last described them: kept so a filing never waits for tenant-service. */
@Entity
@Table(name = "tenant_profiles")
public class TenantProfile {

    /** The working week as tenant-service writes it (days, {@code 08:00}, {@code 17:00}). */
    @RegisterForReflection // read and written by Hibernate's JSON mapping, outside REST
    public record WorkingWeek(List<DayOfWeek> days, String opens, String closes) {}

    @Id
    @Column(name = "tenant_id")
    public UUID tenantId;

    public String slug;

    public String[] countries;

    @Column(name = "time_zone")
    public String timeZone;

    @Column(name = "business_hours")
    @JdbcTypeCode(SqlTypes.JSON)
    public WorkingWeek businessHours;

    @Column(name = "sla_targets")
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Integer> slaTargets;

    @Column(name = "fetched_at")
    public Instant fetchedAt;
}
