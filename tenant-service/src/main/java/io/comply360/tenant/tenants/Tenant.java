package io.comply360.tenant.tenants;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A registration agency. Global table: the tenant's own data lives in tenant tables keyed by its id. */
@Entity
@Table(name = "tenants")
public class Tenant {

    @Id
    public UUID id;

    /** The subdomain: {@code acme} serves {@code acme.<base-domain>}. */
    public String slug;

    @Column(name = "legal_name")
    public String legalName;

    /** ISO 3166 codes of the countries the agency files in. */
    public String[] countries;

    @Enumerated(EnumType.STRING)
    public Tier tier;

    @Enumerated(EnumType.STRING)
    public TenantStatus status;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
