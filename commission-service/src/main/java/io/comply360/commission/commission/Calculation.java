package io.comply360.commission.commission;

import java.math.BigDecimal;
import java.util.List;

import jakarta.annotation.Nullable;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.comply360.commission.ratecard.AgentRule;
import io.comply360.commission.ratecard.Money;
import io.comply360.commission.ratecard.RateLine;
import io.comply360.commission.ratecard.RegistryFees.Disbursement;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * How a filing's fee and its agent's commission came about, from a rate card line: the professional fee, VAT on it
 * (where the agency is VAT-registered and the country has VAT), the registry's fees passed through at cost, and the
 * agent's amount under the rule (for tiers: the month's volume counted and the tier it reached). Pure arithmetic,
 * every amount rounded half to even to the cent; stored with the commission so it explains itself later.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Calculation(
        BigDecimal professionalFee,
        @Nullable BigDecimal vatRate,
        BigDecimal vat,
        List<Disbursement> disbursements,
        BigDecimal disbursementsTotal,
        BigDecimal feeTotal,
        AgentRule rule,
        @Nullable Integer volume,
        @Nullable Integer tier,
        BigDecimal amount,
        boolean provisional) {

    /**
     * The calculation for a filing under {@code line}; {@code vatRate} null when no VAT applies; {@code volume} the
     * agent's count of filings this month including this one (used by tiers only).
     */
    public static Calculation of(
            RateLine line, @Nullable BigDecimal vatRate, List<Disbursement> disbursements, int volume) {
        BigDecimal fee = Money.cents(line.professionalFee());
        BigDecimal vat = vatRate == null ? Money.ZERO : Money.percentOf(fee, vatRate);
        BigDecimal passedOn = disbursements.stream().map(Disbursement::amount).reduce(Money.ZERO, BigDecimal::add);
        AgentRule rule = line.agentRule();
        return switch (rule.kind()) {
            case FIXED ->
                new Calculation(
                        fee,
                        vatRate,
                        vat,
                        disbursements,
                        passedOn,
                        fee.add(vat).add(passedOn),
                        rule,
                        null,
                        null,
                        Money.cents(rule.amount()),
                        false);
            case PERCENTAGE ->
                new Calculation(
                        fee,
                        vatRate,
                        vat,
                        disbursements,
                        passedOn,
                        fee.add(vat).add(passedOn),
                        rule,
                        null,
                        null,
                        Money.percentOf(fee, rule.percent()),
                        false);
            case TIERED -> {
                int tier = rule.tierFor(volume);
                yield new Calculation(
                        fee,
                        vatRate,
                        vat,
                        disbursements,
                        passedOn,
                        fee.add(vat).add(passedOn),
                        rule,
                        volume,
                        tier,
                        tierAmount(rule.tiers().get(tier), fee),
                        true);
            }
        };
    }

    /** This calculation with the month's final volume: the tier it reaches fixes the amount (no longer provisional). */
    public Calculation fixedAt(int finalVolume) {
        if (rule.kind() != AgentRule.Kind.TIERED) {
            return this;
        }
        int reached = rule.tierFor(finalVolume);
        return new Calculation(
                professionalFee,
                vatRate,
                vat,
                disbursements,
                disbursementsTotal,
                feeTotal,
                rule,
                finalVolume,
                reached,
                tierAmount(rule.tiers().get(reached), professionalFee),
                false);
    }

    private static BigDecimal tierAmount(AgentRule.Tier tier, BigDecimal fee) {
        return tier.amount() != null ? Money.cents(tier.amount()) : Money.percentOf(fee, tier.percent());
    }
}
