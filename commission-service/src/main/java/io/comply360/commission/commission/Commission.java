package io.comply360.commission.commission;

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

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** The commission a registered filing earned its agent, with the fee it was calculated from. */
@Entity
@Table(name = "commissions")
public class Commission {

    @Id
    public UUID id;

    @Column(name = "tenant_id", nullable = false, updatable = false)
    public UUID tenantId;

    @Column(name = "registration_id")
    public UUID registrationId;

    public String reference;
    public String country;
    public String type;

    @Column(name = "agent_id")
    public String agentId;

    public String currency;

    @Column(name = "registered_on")
    public LocalDate registeredOn;

    /** The first day of the month whose volume the tiers count. */
    public LocalDate period;

    @Column(name = "rate_card_id")
    public UUID rateCardId;

    @Column(name = "rate_card_version")
    public int rateCardVersion;

    @Column(name = "professional_fee")
    public BigDecimal professionalFee;

    public BigDecimal vat;
    public BigDecimal disbursements;

    @Column(name = "fee_total")
    public BigDecimal feeTotal;

    @JdbcTypeCode(SqlTypes.JSON)
    public Calculation calculation;

    public BigDecimal amount;
    public boolean provisional;

    @Enumerated(EnumType.STRING)
    public CommissionStatus status;

    public String reason;

    @Column(name = "settlement_id")
    public UUID settlementId;

    @Column(name = "decided_by")
    public String decidedBy;

    @Column(name = "decided_at")
    public Instant decidedAt;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Version
    @Column(name = "row_version")
    public long rowVersion;

    /** Applies a calculation's amounts. */
    public void apply(Calculation c) {
        calculation = c;
        professionalFee = c.professionalFee();
        vat = c.vat();
        disbursements = c.disbursementsTotal();
        feeTotal = c.feeTotal();
        amount = c.amount();
        provisional = c.provisional();
    }
}
