package io.comply360.commission.ratecard;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.comply360.commission.Actor;
import io.comply360.commission.config.CommissionConfig;
import io.comply360.platform.data.TenantTransactions;
import io.comply360.platform.data.audit.AuditTrail;
import io.comply360.platform.error.FieldError;
import io.comply360.platform.error.ProblemException;
import io.comply360.platform.error.ProblemType;
import io.comply360.platform.web.Page;
import io.smallrye.mutiny.Uni;

/**
 * Rate card versions: a tenant admin saves a new version taking effect on a day (today or later; the first version
 * may start in the past, so filings already registered can be commissioned); versions never change.
 */
@ApplicationScoped
public class RateCardService {

    private final RateCardRepository cards;
    private final TenantTransactions tx;
    private final AuditTrail audit;
    private final Clock clock;
    private final CommissionConfig config;

    public RateCardService(
            RateCardRepository cards, TenantTransactions tx, AuditTrail audit, Clock clock, CommissionConfig config) {
        this.cards = cards;
        this.tx = tx;
        this.audit = audit;
        this.clock = clock;
        this.config = config;
    }

    public Uni<RateCardView> create(Actor actor, RateCardRequest request) {
        List<RateLine> lines = checked(request);
        LocalDate today = LocalDate.now(clock.withZone(config.zone()));
        return tx.inTenant(
                actor.tenantId(),
                () -> cards.lockTenantCards().chain(() -> cards.latestVersion()).chain(latest -> {
                    if (latest > 0 && request.effectiveFrom().isBefore(today)) {
                        throw ProblemException.invalid(
                                "effectiveFrom",
                                "must be today (" + today + ") or later: a new version cannot change the past");
                    }
                    return cards.startsOn(request.effectiveFrom()).chain(taken -> {
                        if (taken) {
                            throw ProblemException.duplicate(
                                    "effectiveFrom", "a version already takes effect on " + request.effectiveFrom());
                        }
                        RateCard card = new RateCard();
                        card.id = UUID.randomUUID();
                        card.tenantId = actor.tenantId();
                        card.version = latest + 1;
                        card.effectiveFrom = request.effectiveFrom();
                        card.vatRegistered = request.vatRegistered();
                        card.note = request.note();
                        card.lines = new RateCard.Lines(lines);
                        card.createdBy = actor.userId();
                        card.createdAt = clock.instant();
                        return cards.persist(card)
                                .call(() -> audit.record(
                                        actor.tenantId(),
                                        actor.userId(),
                                        actor.role(),
                                        "rate_card.created",
                                        "rate_card:" + card.id,
                                        Map.of(
                                                "version",
                                                card.version,
                                                "effectiveFrom",
                                                card.effectiveFrom.toString())))
                                .map(RateCardView::of);
                    });
                }));
    }

    public Uni<Page<RateCardView>> list(Actor actor, int limit, int offset) {
        return tx.inTenant(
                actor.tenantId(),
                () -> cards.count()
                        .chain(total -> cards.page(limit, offset)
                                .map(items -> new Page<>(
                                        items.stream().map(RateCardView::of).toList(), total, limit, offset))));
    }

    public Uni<RateCardView> get(Actor actor, UUID id) {
        return tx.inTenant(actor.tenantId(), () -> cards.findById(id)).map(card -> {
            if (card == null) {
                throw ProblemException.notFound("Rate card");
            }
            return RateCardView.of(card);
        });
    }

    /** The version in effect today. */
    public Uni<RateCardView> current(Actor actor) {
        LocalDate today = LocalDate.now(clock.withZone(config.zone()));
        return tx.inTenant(actor.tenantId(), () -> cards.effectiveOn(today)).map(card -> {
            if (card == null) {
                throw new ProblemException(
                        ProblemType.NOT_FOUND, "No rate card is in effect today: a tenant admin creates one");
            }
            return RateCardView.of(card);
        });
    }

    /** The request's lines, or a 422 naming every field whose rule does not fit its kind. */
    static List<RateLine> checked(RateCardRequest request) {
        List<FieldError> errors = new ArrayList<>();
        List<RateLine> lines = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < request.lines().size(); i++) {
            RateCardRequest.Line line = request.lines().get(i);
            String at = "lines[" + i + "]";
            if (!seen.add(line.country() + "/" + line.type())) {
                errors.add(
                        new FieldError(at + ".type", "has a line already for " + line.country() + "/" + line.type()));
            }
            RateCardRequest.Rule rule = line.agentRule();
            String r = at + ".agentRule";
            List<AgentRule.Tier> tiers = null;
            switch (rule.kind()) {
                case FIXED -> {
                    require(rule.amount() != null, r + ".amount", "is required for a fixed rule", errors);
                    forbid(rule.percent(), r + ".percent", "a fixed rule", errors);
                    forbid(rule.tiers(), r + ".tiers", "a fixed rule", errors);
                }
                case PERCENTAGE -> {
                    require(rule.percent() != null, r + ".percent", "is required for a percentage rule", errors);
                    forbid(rule.amount(), r + ".amount", "a percentage rule", errors);
                    forbid(rule.tiers(), r + ".tiers", "a percentage rule", errors);
                }
                case TIERED -> {
                    forbid(rule.amount(), r + ".amount", "a tiered rule (each tier has its own)", errors);
                    forbid(rule.percent(), r + ".percent", "a tiered rule (each tier has its own)", errors);
                    tiers = tiers(rule.tiers(), r + ".tiers", errors);
                }
            }
            lines.add(new RateLine(
                    line.country(),
                    line.type(),
                    Money.cents(line.professionalFee()),
                    new AgentRule(rule.kind(), rule.amount(), rule.percent(), tiers)));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "The rate card is not valid", errors);
        }
        return lines;
    }

    private static List<AgentRule.Tier> tiers(List<RateCardRequest.Tier> tiers, String at, List<FieldError> errors) {
        if (tiers == null || tiers.isEmpty()) {
            errors.add(new FieldError(at, "needs at least one tier for a tiered rule"));
            return List.of();
        }
        List<AgentRule.Tier> out = new ArrayList<>();
        for (int i = 0; i < tiers.size(); i++) {
            RateCardRequest.Tier tier = tiers.get(i);
            String t = at + "[" + i + "]";
            if (i == 0 && tier.from() != 1) {
                errors.add(
                        new FieldError(t + ".from", "must be 1: the first tier starts with the month's first filing"));
            }
            if (i > 0 && tier.from() <= tiers.get(i - 1).from()) {
                errors.add(new FieldError(t + ".from", "must be greater than the tier before's"));
            }
            if ((tier.amount() == null) == (tier.percent() == null)) {
                errors.add(new FieldError(t, "needs either an amount or a percent"));
            }
            out.add(new AgentRule.Tier(tier.from(), tier.amount(), tier.percent()));
        }
        return out;
    }

    private static void require(boolean present, String field, String message, List<FieldError> errors) {
        if (!present) {
            errors.add(new FieldError(field, message));
        }
    }

    private static void forbid(Object value, String field, String kind, List<FieldError> errors) {
        if (value != null) {
            errors.add(new FieldError(field, "must not be given for " + kind));
        }
    }
}
