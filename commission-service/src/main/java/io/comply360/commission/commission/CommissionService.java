package io.comply360.commission.commission;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import io.comply360.clients.registration.Filings;
import io.comply360.commission.Actor;
import io.comply360.commission.config.CommissionConfig;
import io.comply360.commission.odoo.SyncEntity;
import io.comply360.commission.odoo.SyncJobs;
import io.comply360.commission.ratecard.Money;
import io.comply360.commission.ratecard.RateCard;
import io.comply360.commission.ratecard.RateCardRepository;
import io.comply360.commission.ratecard.RateLine;
import io.comply360.commission.ratecard.RegistryFees;
import io.comply360.contracts.commission.CommissionEvents;
import io.comply360.contracts.registration.RegistrationEvents;
import io.comply360.platform.data.TenantTransactions;
import io.comply360.platform.data.audit.AuditTrail;
import io.comply360.platform.error.ProblemException;
import io.comply360.platform.messaging.Outbox;
import io.comply360.platform.web.Page;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Commissions: calculated once per registered filing from the rate card in effect on the day it was registered,
 * decided by tenant admins, reversed (with a clawback once settled) when the filing is cancelled. Remote reads (the
 * filing's data, for fees that depend on it) happen before the transaction that writes.
 */
@ApplicationScoped
public class CommissionService {

    public static final String SYSTEM = "system";

    private final CommissionRepository commissions;
    private final FilingRepository filingStates;
    private final ClawbackRepository clawbacks;
    private final RateCardRepository cards;
    private final RegistryFees registry;
    private final Filings filings;
    private final SyncJobs sync;
    private final TenantTransactions tx;
    private final Outbox outbox;
    private final AuditTrail audit;
    private final Clock clock;
    private final CommissionConfig config;
    private final MeterRegistry meters;

    public CommissionService(
            CommissionRepository commissions,
            FilingRepository filingStates,
            ClawbackRepository clawbacks,
            RateCardRepository cards,
            RegistryFees registry,
            Filings filings,
            SyncJobs sync,
            TenantTransactions tx,
            Outbox outbox,
            AuditTrail audit,
            Clock clock,
            CommissionConfig config,
            MeterRegistry meters) {
        this.meters = meters;
        this.commissions = commissions;
        this.filingStates = filingStates;
        this.clawbacks = clawbacks;
        this.cards = cards;
        this.registry = registry;
        this.filings = filings;
        this.sync = sync;
        this.tx = tx;
        this.outbox = outbox;
        this.audit = audit;
        this.clock = clock;
        this.config = config;
    }

    // ---- registration events -----------------------------------------------------------------------------------

    /**
     * Keeps the filing's state (newest version wins) and asks for its Odoo lead to follow; in its own transaction.
     */
    public Uni<Void> recordFiling(UUID tenantId, RegistrationEvents.Changed c) {
        return tx.inTenant(
                tenantId,
                () -> filingStates
                        .findById(new Filing.Key(tenantId, c.registrationId()))
                        .chain(known -> {
                            if (known != null && known.version >= c.version()) {
                                return Uni.createFrom().voidItem();
                            }
                            Filing f = known != null ? known : new Filing();
                            f.tenantId = tenantId;
                            f.registrationId = c.registrationId();
                            f.reference = c.reference();
                            f.country = c.country();
                            f.type = c.type();
                            f.agentId = c.agentId();
                            f.status = c.status();
                            f.version = c.version();
                            f.changedAt = c.changedAt();
                            return (known != null ? Uni.createFrom().item(f) : filingStates.persist(f))
                                    .chain(() -> sync.request(
                                            tenantId,
                                            SyncEntity.LEAD,
                                            c.registrationId().toString()));
                        }));
    }

    /**
     * The commission of a registered filing, once: a redelivered event (or one racing it) finds it there. A filing
     * whose type has no line on the rate card in effect earns nothing, and the audit trail says why.
     */
    public Uni<Void> calculate(UUID tenantId, RegistrationEvents.Changed c) {
        LocalDate day = LocalDate.ofInstant(c.changedAt(), config.zone());
        return tx.inTenant(tenantId, () -> commissions.ofRegistration(c.registrationId()))
                .chain(existing -> {
                    if (existing != null) {
                        return Uni.createFrom().voidItem();
                    }
                    Uni<Function<String, String>> data = registry.dependOnData(c.country(), c.type())
                            ? filings.filingData(tenantId, c.registrationId())
                                    .map(f -> (Function<String, String>) f::at)
                            : Uni.createFrom().item(path -> null);
                    return data.chain(lookup -> tx.inTenant(tenantId, () -> create(tenantId, c, day, lookup)));
                });
    }

    private Uni<Void> create(
            UUID tenantId, RegistrationEvents.Changed c, LocalDate day, Function<String, String> data) {
        return commissions.lockOfRegistration(c.registrationId()).chain(existing -> {
            if (existing != null) {
                return Uni.createFrom().voidItem();
            }
            return cards.effectiveOn(day).chain(card -> {
                RateLine line =
                        card == null ? null : card.line(c.country(), c.type()).orElse(null);
                if (line == null) {
                    meters.counter("comply360_commission_not_calculated_total").increment();
                    Log.warnf(
                            "No rate for %s/%s on %s in tenant %s: %s earns no commission",
                            c.country(), c.type(), day, tenantId, c.reference());
                    return audit.record(
                                    tenantId,
                                    SYSTEM,
                                    SYSTEM,
                                    "commission.not_calculated",
                                    "registration:" + c.registrationId(),
                                    Map.of(
                                            "reason",
                                            card == null
                                                    ? "no rate card in effect on " + day
                                                    : "rate card v" + card.version + " has no line for " + c.country()
                                                            + "/" + c.type()))
                            .replaceWithVoid();
                }
                String currency = Money.currencyOf(c.country());
                LocalDate period = day.withDayOfMonth(1);
                return commissions
                        .volume(c.agentId(), currency, period)
                        .chain(counted -> persist(tenantId, c, day, card, line, currency, period, counted, data));
            });
        });
    }

    private Uni<Void> persist(
            UUID tenantId,
            RegistrationEvents.Changed c,
            LocalDate day,
            RateCard card,
            RateLine line,
            String currency,
            LocalDate period,
            long counted,
            Function<String, String> data) {
        Instant now = clock.instant();
        Calculation calculation = Calculation.of(
                line,
                card.vatRegistered ? registry.vatRate(c.country(), day).orElse(null) : null,
                registry.fees(c.country(), c.type(), day, data),
                (int) counted + 1);
        Commission k = new Commission();
        k.id = UUID.randomUUID();
        k.tenantId = tenantId;
        k.registrationId = c.registrationId();
        k.reference = c.reference();
        k.country = c.country();
        k.type = c.type();
        k.agentId = c.agentId();
        k.currency = currency;
        k.registeredOn = day;
        k.period = period;
        k.rateCardId = card.id;
        k.rateCardVersion = card.version;
        k.apply(calculation);
        k.status = CommissionStatus.CALCULATED;
        k.createdAt = now;
        k.updatedAt = now;
        meters.counter("comply360_commission_calculated_total", "currency", currency)
                .increment();
        return commissions
                .persist(k)
                .chain(() -> publish(k, CommissionEvents.CALCULATED, null, null, SYSTEM, now))
                .chain(() -> audit.record(
                        tenantId,
                        SYSTEM,
                        SYSTEM,
                        "commission.calculated",
                        target(k.id),
                        Map.of("registrationId", k.registrationId.toString(), "rateCardVersion", k.rateCardVersion)))
                .chain(() -> sync.request(tenantId, SyncEntity.PARTNER, k.agentId));
    }

    /**
     * The filing was cancelled: its commission is reversed; once settled, a clawback takes the amount back in the
     * agent's next settlement.
     */
    public Uni<Void> reverse(UUID tenantId, RegistrationEvents.Changed c) {
        Instant now = clock.instant();
        return tx.inTenant(
                tenantId,
                () -> commissions.lockOfRegistration(c.registrationId()).chain(k -> {
                    if (k == null || k.status == CommissionStatus.REJECTED || k.status == CommissionStatus.REVERSED) {
                        return Uni.createFrom().voidItem();
                    }
                    CommissionStatus before = k.status;
                    boolean clawback = CommissionStatus.SETTLED_OR_LATER.contains(before);
                    k.status = CommissionStatus.REVERSED;
                    k.reason = "the filing was cancelled";
                    k.updatedAt = now;
                    Uni<Void> taken = Uni.createFrom().voidItem();
                    if (clawback) {
                        Clawback back = new Clawback();
                        back.id = UUID.randomUUID();
                        back.tenantId = tenantId;
                        back.commissionId = k.id;
                        back.agentId = k.agentId;
                        back.currency = k.currency;
                        back.amount = k.amount.negate();
                        back.reason = c.reference() + " was cancelled after it was settled";
                        back.createdAt = now;
                        taken = clawbacks.persist(back).replaceWithVoid();
                    }
                    return taken.chain(() -> publish(
                                    k,
                                    CommissionEvents.REVERSED,
                                    before,
                                    clawback ? Money.text(k.amount.negate()) : null,
                                    SYSTEM,
                                    now))
                            .chain(() -> audit.record(
                                    tenantId,
                                    SYSTEM,
                                    SYSTEM,
                                    "commission.reversed",
                                    target(k.id),
                                    Map.of("previousStatus", before.name(), "clawback", clawback)))
                            .replaceWithVoid();
                }));
    }

    // ---- decisions ---------------------------------------------------------------------------------------------

    /** A tenant admin approves a calculated commission. */
    public Uni<CommissionView> approve(Actor actor, UUID id) {
        return tx.inTenant(
                actor.tenantId(),
                () -> commissions.lock(id).chain(k -> {
                    if (k == null) {
                        throw ProblemException.notFound("Commission");
                    }
                    return decide(actor, k, true, null).map(ignored -> CommissionView.of(k));
                }));
    }

    /** A tenant admin rejects a calculated or approved commission, saying why. */
    public Uni<CommissionView> reject(Actor actor, UUID id, String reason) {
        return tx.inTenant(
                actor.tenantId(),
                () -> commissions.lock(id).chain(k -> {
                    if (k == null) {
                        throw ProblemException.notFound("Commission");
                    }
                    return decide(actor, k, false, reason).map(ignored -> CommissionView.of(k));
                }));
    }

    /** One outcome of a bulk decision. */
    public record Outcome(UUID id, String outcome, String status, String detail) {}

    /**
     * Decides many at once, in one transaction: each id gets its outcome (decided, not found, or why not), so a
     * stale selection in the browser never fails the whole batch.
     */
    public Uni<List<Outcome>> decideAll(Actor actor, List<UUID> ids, boolean approve, String reason) {
        List<UUID> distinct = ids.stream().distinct().sorted().toList();
        return tx.inTenant(actor.tenantId(), () -> {
            List<Outcome> outcomes = new ArrayList<>();
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (UUID id : distinct) {
                chain = chain.chain(() -> commissions.lock(id).chain(k -> {
                    if (k == null) {
                        outcomes.add(new Outcome(id, "not_found", null, "no such commission"));
                        return Uni.createFrom().voidItem();
                    }
                    if (!decidable(k, approve)) {
                        outcomes.add(new Outcome(id, "conflict", k.status.name(), "the commission is " + k.status));
                        return Uni.createFrom().voidItem();
                    }
                    return decide(actor, k, approve, reason)
                            .invoke(() -> outcomes.add(new Outcome(id, "decided", k.status.name(), null)));
                }));
            }
            return chain.map(ignored -> outcomes);
        });
    }

    private static boolean decidable(Commission k, boolean approve) {
        return approve
                ? k.status == CommissionStatus.CALCULATED
                : k.status == CommissionStatus.CALCULATED || k.status == CommissionStatus.APPROVED;
    }

    private Uni<Void> decide(Actor actor, Commission k, boolean approve, String reason) {
        if (!decidable(k, approve)) {
            throw ProblemException.conflict("The commission is " + k.status + "; it can only be "
                    + (approve ? "approved while CALCULATED" : "rejected while CALCULATED or APPROVED"));
        }
        Instant now = clock.instant();
        CommissionStatus before = k.status;
        k.status = approve ? CommissionStatus.APPROVED : CommissionStatus.REJECTED;
        k.reason = approve ? null : reason;
        k.decidedBy = actor.userId();
        k.decidedAt = now;
        k.updatedAt = now;
        return publish(
                        k,
                        approve ? CommissionEvents.APPROVED : CommissionEvents.REJECTED,
                        before,
                        null,
                        actor.userId(),
                        now)
                .chain(() -> audit.record(
                        actor.tenantId(),
                        actor.userId(),
                        actor.role(),
                        approve ? "commission.approved" : "commission.rejected",
                        target(k.id),
                        Map.of("previousStatus", before.name())))
                .replaceWithVoid();
    }

    // ---- reading -----------------------------------------------------------------------------------------------

    public Uni<Page<CommissionView>> list(Actor actor, CommissionRepository.Filter filter, int limit, int offset) {
        return tx.inTenant(
                actor.tenantId(),
                () -> commissions
                        .count(filter)
                        .chain(total -> commissions
                                .page(filter, limit, offset)
                                .map(items -> new Page<>(
                                        items.stream().map(CommissionView::of).toList(), total, limit, offset))));
    }

    /** One commission; an agent's request for another agent's is answered as if it did not exist. */
    public Uni<CommissionView> get(Actor actor, UUID id) {
        return tx.inTenant(actor.tenantId(), () -> commissions.findById(id)).map(k -> {
            if (k == null || (!actor.admin() && !k.agentId.equals(actor.userId()))) {
                throw ProblemException.notFound("Commission");
            }
            return CommissionView.of(k);
        });
    }

    /** Totals by agent and month, and by status, for the filter. */
    public Uni<CommissionView.Summary> summary(Actor actor, CommissionRepository.Filter filter) {
        return tx.inTenant(
                actor.tenantId(),
                () -> commissions
                        .totalsByAgentAndMonth(filter)
                        .chain(byAgent -> commissions
                                .totalsByStatus(filter)
                                .map(byStatus -> CommissionView.Summary.of(filter, byAgent, byStatus))));
    }

    // ---- shared ------------------------------------------------------------------------------------------------

    /** A commission's event, in the caller's transaction. */
    public Uni<Void> publish(
            Commission k,
            io.comply360.platform.broker.EventContract<CommissionEvents.Changed> contract,
            CommissionStatus before,
            String clawback,
            String actorId,
            Instant at) {
        return outbox.publish(
                        contract,
                        k.tenantId,
                        k.id.toString(),
                        new CommissionEvents.Changed(
                                k.id,
                                k.registrationId,
                                k.reference,
                                k.agentId,
                                k.currency,
                                Money.text(k.amount),
                                k.provisional,
                                k.status.name(),
                                before == null ? null : before.name(),
                                k.reason,
                                clawback,
                                actorId,
                                at))
                .replaceWithVoid();
    }

    static String target(UUID id) {
        return "commission:" + id;
    }
}
