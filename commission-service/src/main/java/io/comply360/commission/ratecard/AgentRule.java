package io.comply360.commission.ratecard;

import java.math.BigDecimal;
import java.util.List;

import jakarta.annotation.Nullable;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What an agent earns on a registered filing: a fixed amount, a percentage of the professional fee (never of the
 * registry's disbursements, which the agency passes on at cost), or tiers by the agent's volume that month (the
 * n-th registered filing of the month in that currency; the tier the month's final volume reaches applies to all of
 * the month's commissions once the settlement fixes it). A tier pays either an amount or a percentage.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AgentRule(
        Kind kind,
        @Nullable BigDecimal amount,
        @Nullable BigDecimal percent,
        @Nullable List<Tier> tiers) {

    public enum Kind {
        FIXED,
        PERCENTAGE,
        TIERED
    }

    /** From the {@code from}-th filing of the month on (the first tier starts at 1). */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Tier(
            int from, @Nullable BigDecimal amount, @Nullable BigDecimal percent) {}

    /** The tier a month's volume reaches (its index, 0 for the first). */
    public int tierFor(int volume) {
        int reached = 0;
        for (int i = 0; i < tiers.size(); i++) {
            if (volume >= tiers.get(i).from()) {
                reached = i;
            }
        }
        return reached;
    }
}
