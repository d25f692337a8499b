package io.comply360.commission.settlement;

import java.math.BigDecimal;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A line of a settlement: a commission at its final amount, or a clawback (negative). */
@Entity
@Table(name = "settlement_lines")
public class SettlementLine {

    @Id
    public UUID id;

    @Column(name = "tenant_id", nullable = false, updatable = false)
    public UUID tenantId;

    @Column(name = "settlement_id")
    public UUID settlementId;

    public int position;

    /** COMMISSION or CLAWBACK. */
    public String kind;

    @Column(name = "commission_id")
    public UUID commissionId;

    public String reference;
    public String description;

    /** The amount calculated before the month's volume was final, when the settlement changed it. */
    @Column(name = "provisional_amount")
    public BigDecimal provisionalAmount;

    public BigDecimal amount;
}
