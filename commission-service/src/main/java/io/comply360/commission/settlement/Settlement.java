package io.comply360.commission.settlement;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** An agent's approved commissions up to a period end in one currency, less clawbacks: what the agency pays. */
@Entity
@Table(name = "settlements")
public class Settlement {

    @Id
    public UUID id;

    @Column(name = "tenant_id", nullable = false, updatable = false)
    public UUID tenantId;

    @Column(name = "agent_id")
    public String agentId;

    public String currency;

    @Column(name = "period_end")
    public LocalDate periodEnd;

    @Enumerated(EnumType.STRING)
    public SettlementStatus status;

    @Column(name = "commissions_total")
    public BigDecimal commissionsTotal;

    @Column(name = "clawbacks_total")
    public BigDecimal clawbacksTotal;

    public BigDecimal total;

    @Column(name = "commission_count")
    public int commissionCount;

    @Column(name = "odoo_bill_id")
    public Integer odooBillId;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "invoiced_at")
    public Instant invoicedAt;

    @Column(name = "paid_at")
    public Instant paidAt;

    @Version
    @Column(name = "row_version")
    public long rowVersion;
}
