package io.comply360.commission.commission;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.comply360.commission.ratecard.Money;

/** A commission as the API shows it: amounts as decimal strings with two places. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CommissionView(
        UUID id,
        UUID registrationId,
        String reference,
        String country,
        String type,
        String agentId,
        String currency,
        LocalDate registeredOn,
        String month,
        int rateCardVersion,
        String professionalFee,
        String vat,
        String disbursements,
        String feeTotal,
        String amount,
        boolean provisional,
        Calculation calculation,
        String status,
        String reason,
        UUID settlementId,
        String decidedBy,
        Instant decidedAt,
        Instant createdAt) {

    public static CommissionView of(Commission k) {
        return new CommissionView(
                k.id,
                k.registrationId,
                k.reference,
                k.country,
                k.type,
                k.agentId,
                k.currency,
                k.registeredOn,
                month(k.period),
                k.rateCardVersion,
                Money.text(k.professionalFee),
                Money.text(k.vat),
                Money.text(k.disbursements),
                Money.text(k.feeTotal),
                Money.text(k.amount),
                k.provisional,
                k.calculation,
                k.status.name(),
                k.reason,
                k.settlementId,
                k.decidedBy,
                k.decidedAt,
                k.createdAt);
    }

    static String month(LocalDate period) {
        return period.toString().substring(0, 7);
    }

    /** Totals for a report: by agent and month (commissions that count), and by status. */
    public record Summary(LocalDate from, LocalDate to, List<AgentMonth> byAgentAndMonth, List<StatusTotal> byStatus) {

        public record AgentMonth(String agentId, String month, String currency, long count, String amount) {}

        public record StatusTotal(String status, String currency, long count, String amount) {}

        static Summary of(
                CommissionRepository.Filter filter,
                List<CommissionRepository.ByAgentAndMonth> byAgent,
                List<CommissionRepository.ByStatus> byStatus) {
            return new Summary(
                    filter.from(),
                    filter.to(),
                    byAgent.stream()
                            .map(r -> new AgentMonth(
                                    r.agentId(), month(r.period()), r.currency(), r.count(), Money.text(r.amount())))
                            .toList(),
                    byStatus.stream()
                            .map(r ->
                                    new StatusTotal(r.status().name(), r.currency(), r.count(), Money.text(r.amount())))
                            .toList());
        }
    }
}
