package io.comply360.commission.settlement;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.comply360.commission.ratecard.Money;

/** A settlement as the API shows it (amounts as decimal strings). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SettlementView(
        UUID id,
        String agentId,
        String currency,
        LocalDate periodEnd,
        String status,
        String commissionsTotal,
        String clawbacksTotal,
        String total,
        int commissions,
        Integer odooBillId,
        Instant createdAt,
        Instant invoicedAt,
        Instant paidAt) {

    public static SettlementView of(Settlement s) {
        return new SettlementView(
                s.id,
                s.agentId,
                s.currency,
                s.periodEnd,
                s.status.name(),
                Money.text(s.commissionsTotal),
                Money.text(s.clawbacksTotal),
                Money.text(s.total),
                s.commissionCount,
                s.odooBillId,
                s.createdAt,
                s.invoicedAt,
                s.paidAt);
    }

    /** The statement an agent receives: the settlement and every line, with what the final volume changed. */
    public record Statement(SettlementView settlement, List<Line> lines) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Line(
            int position,
            String kind,
            UUID commissionId,
            String reference,
            String description,
            String provisionalAmount,
            String amount,
            String difference) {

        static Line of(SettlementLine l) {
            return new Line(
                    l.position,
                    l.kind,
                    l.commissionId,
                    l.reference,
                    l.description,
                    l.provisionalAmount == null ? null : Money.text(l.provisionalAmount),
                    Money.text(l.amount),
                    l.provisionalAmount == null ? null : Money.text(l.amount.subtract(l.provisionalAmount)));
        }
    }

    /** What a settlement run did: created, already there (idempotent), or carried forward (clawbacks exceed). */
    public record Run(
            LocalDate periodEnd,
            List<SettlementView> created,
            List<SettlementView> existing,
            List<Carried> carriedForward) {}

    public record Carried(String agentId, String currency, String total, String reason) {}
}
