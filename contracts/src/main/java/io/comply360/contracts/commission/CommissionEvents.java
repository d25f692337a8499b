package io.comply360.contracts.commission;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.Nullable;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.comply360.platform.broker.EventContract;
import io.comply360.platform.broker.Topology;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Events of {@code commission.events}, published by commission-service through its outbox: a commission's life
 * (one per commission), a settlement's (one per agent, currency and period), and a sync with the agency's Odoo that
 * stopped for good. Amounts are decimal strings with two places ("1250.00"); never floats. No personal data: agents
 * are ids (consumers ask tenant-service how to reach them). Plus {@code odoo.sync} on {@code integration.sync}: a
 * wake-up for commission-service's own sync worker (the job itself is a database row).
 */
public final class CommissionEvents {

    public static final EventContract<Changed> CALCULATED = changed("commission.calculated");
    public static final EventContract<Changed> APPROVED = changed("commission.approved");
    public static final EventContract<Changed> REJECTED = changed("commission.rejected");
    public static final EventContract<Changed> REVERSED = changed("commission.reversed");
    public static final EventContract<SettlementChanged> SETTLED = settlement("commission.settled");
    public static final EventContract<SettlementChanged> INVOICED = settlement("commission.invoiced");
    public static final EventContract<SettlementChanged> PAID = settlement("commission.paid");
    public static final EventContract<SyncFailed> SYNC_FAILED =
            EventContract.of(Topology.COMMISSION_EVENTS, "commission.sync_failed", 1, SyncFailed.class);
    public static final EventContract<SyncRequested> SYNC_REQUESTED =
            EventContract.of(Topology.INTEGRATION_SYNC, "odoo.sync", 1, SyncRequested.class);

    public static final List<EventContract<?>> ALL =
            List.of(CALCULATED, APPROVED, REJECTED, REVERSED, SETTLED, INVOICED, PAID, SYNC_FAILED, SYNC_REQUESTED);

    private CommissionEvents() {}

    private static EventContract<Changed> changed(String type) {
        return EventContract.of(Topology.COMMISSION_EVENTS, type, 1, Changed.class);
    }

    private static EventContract<SettlementChanged> settlement(String type) {
        return EventContract.of(Topology.COMMISSION_EVENTS, type, 1, SettlementChanged.class);
    }

    /**
     * A commission was calculated or changed state. {@code amount} is the agent's commission as it stands
     * ({@code provisional} while a volume tier may still change at the monthly settlement); {@code reason} for a
     * rejection or reversal; {@code clawback} the amount taken back in the next settlement when a settled
     * commission is reversed.
     */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Changed(
            UUID commissionId,
            UUID registrationId,
            String reference,
            String agentId,
            String currency,
            String amount,
            Boolean provisional,
            String status,
            @Nullable String previousStatus,
            @Nullable String reason,
            @Nullable String clawback,
            String actorId,
            Instant changedAt) {}

    /** A settlement (an agent's commissions of a period in one currency) was created, invoiced in Odoo, or paid. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SettlementChanged(
            UUID settlementId,
            String agentId,
            String currency,
            LocalDate periodEnd,
            String total,
            Integer commissions,
            String status,
            @Nullable Integer odooBillId,
            Instant changedAt) {}

    /**
     * A sync with the agency's Odoo stopped for good (a validation fault, access denied, a missing module): a tenant
     * admin must act. {@code entity} is what was synced (partner, lead, bill, payment), {@code localId} its id here.
     */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SyncFailed(
            UUID jobId,
            String entity,
            String localId,
            String kind,
            String reason,
            Integer attempts,
            Instant failedAt) {}

    /** Wakes commission-service's sync worker: the job with this id is due now. */
    @RegisterForReflection
    public record SyncRequested(UUID jobId, String entity, String localId) {}
}
