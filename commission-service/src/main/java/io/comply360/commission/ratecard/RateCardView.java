package io.comply360.commission.ratecard;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** A rate card version as the API shows it, with the currency of each line. */
public record RateCardView(
        UUID id,
        int version,
        LocalDate effectiveFrom,
        boolean vatRegistered,
        String note,
        List<LineView> lines,
        String createdBy,
        Instant createdAt) {

    public record LineView(String country, String type, String currency, String professionalFee, AgentRule agentRule) {}

    public static RateCardView of(RateCard card) {
        return new RateCardView(
                card.id,
                card.version,
                card.effectiveFrom,
                card.vatRegistered,
                card.note,
                card.lines.items().stream()
                        .map(l -> new LineView(
                                l.country(),
                                l.type(),
                                Money.currencyOf(l.country()),
                                Money.text(l.professionalFee()),
                                l.agentRule()))
                        .toList(),
                card.createdBy,
                card.createdAt);
    }
}
