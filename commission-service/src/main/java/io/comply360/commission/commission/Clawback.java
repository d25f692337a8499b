package io.comply360.commission.commission;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A settled commission taken back (its filing was cancelled): a negative line of the agent's next settlement. */
@Entity
@Table(name = "clawbacks")
public class Clawback {

    @Id
    public UUID id;

    @Column(name = "tenant_id", nullable = false, updatable = false)
    public UUID tenantId;

    @Column(name = "commission_id")
    public UUID commissionId;

    @Column(name = "agent_id")
    public String agentId;

    public String currency;

    /** Negative. */
    public BigDecimal amount;

    public String reason;

    @Column(name = "settlement_id")
    public UUID settlementId;

    @Column(name = "created_at")
    public Instant createdAt;
}
