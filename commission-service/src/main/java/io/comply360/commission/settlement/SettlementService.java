package io.comply360.commission.settlement;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.comply360.commission.Actor;
import io.comply360.commission.commission.Clawback;
import io.comply360.commission.commission.ClawbackRepository;
import io.comply360.commission.commission.Commission;
import io.comply360.commission.commission.CommissionRepository;
import io.comply360.commission.commission.CommissionStatus;
import io.comply360.commission.config.CommissionConfig;
import io.comply360.commission.odoo.SyncEntity;
import io.comply360.commission.odoo.SyncJobs;
import io.comply360.commission.ratecard.Money;
import io.comply360.contracts.commission.CommissionEvents;
import io.comply360.platform.broker.EventContract;
import io.comply360.platform.data.TenantTransactions;
import io.comply360.platform.data.audit.AuditTrail;
import io.comply360.platform.error.ProblemException;
import io.comply360.platform.messaging.Outbox;
import io.comply360.platform.web.Page;
import io.smallrye.mutiny.Uni;

/**
 * Monthly settlements: for a period end, one settlement per agent and currency of their approved commissions
 * registered up to that day, less open clawbacks; volume tiers are fixed by the final count of each month (up to the
 * period end) and each line shows what that changed. Idempotent per agent, currency and period end. A settlement
 * whose clawbacks exceed its commissions is not created: everything waits for the next period.
 */
@ApplicationScoped
public class SettlementService {

    private final SettlementRepository settlements;
    private final CommissionRepository commissions;
    private final ClawbackRepository clawbacks;
    private final SyncJobs sync;
    private final TenantTransactions tx;
    private final Outbox outbox;
    private final AuditTrail audit;
    private final Clock clock;
    private final CommissionConfig config;

    public SettlementService(
            SettlementRepository settlements,
            CommissionRepository commissions,
            ClawbackRepository clawbacks,
            SyncJobs sync,
            TenantTransactions tx,
            Outbox outbox,
            AuditTrail audit,
            Clock clock,
            CommissionConfig config) {
        this.settlements = settlements;
        this.commissions = commissions;
        this.clawbacks = clawbacks;
        this.sync = sync;
        this.tx = tx;
        this.outbox = outbox;
        this.audit = audit;
        this.clock = clock;
        this.config = config;
    }

    public Uni<SettlementView.Run> settle(Actor actor, LocalDate periodEnd) {
        LocalDate today = LocalDate.now(clock.withZone(config.zone()));
        if (periodEnd.isAfter(today)) {
            throw ProblemException.invalid("periodEnd", "must not be in the future (today is " + today + ")");
        }
        return tx.inTenant(
                actor.tenantId(),
                () -> settlements
                        .lockRuns()
                        .chain(() -> commissions.settleableAgents(periodEnd))
                        .chain(pairs -> {
                            List<SettlementView> created = new ArrayList<>();
                            List<SettlementView> existing = new ArrayList<>();
                            List<SettlementView.Carried> carried = new ArrayList<>();
                            Uni<Void> chain = Uni.createFrom().voidItem();
                            for (CommissionRepository.AgentCurrency pair : pairs) {
                                chain = chain.chain(() -> settlements
                                        .of(pair.agentId(), pair.currency(), periodEnd)
                                        .chain(already -> {
                                            if (already != null) {
                                                existing.add(SettlementView.of(already));
                                                return Uni.createFrom().voidItem();
                                            }
                                            return settleOne(
                                                    actor,
                                                    pair.agentId(),
                                                    pair.currency(),
                                                    periodEnd,
                                                    created,
                                                    carried);
                                        }));
                            }
                            return chain.map(ignored -> new SettlementView.Run(periodEnd, created, existing, carried));
                        }));
    }

    private Uni<Void> settleOne(
            Actor actor,
            String agentId,
            String currency,
            LocalDate periodEnd,
            List<SettlementView> created,
            List<SettlementView.Carried> carried) {
        return commissions
                .lockSettleable(agentId, currency, periodEnd)
                .chain(items -> clawbacks
                        .lockOpen(agentId, currency)
                        .chain(backs -> finalAmounts(items, periodEnd).chain(finals -> {
                            BigDecimal earned =
                                    finals.stream().map(f -> f.amount).reduce(Money.ZERO, BigDecimal::add);
                            BigDecimal taken = backs.stream().map(b -> b.amount).reduce(Money.ZERO, BigDecimal::add);
                            BigDecimal total = earned.add(taken);
                            if (total.signum() <= 0) {
                                carried.add(new SettlementView.Carried(
                                        agentId,
                                        currency,
                                        Money.text(total),
                                        "clawbacks exceed the commissions: carried into the next period"));
                                return Uni.createFrom().voidItem();
                            }
                            return write(actor, agentId, currency, periodEnd, finals, backs, earned, taken, total)
                                    .invoke(s -> created.add(SettlementView.of(s)))
                                    .replaceWithVoid();
                        })));
    }

    /** A commission with the amount the month's final volume gives it. */
    private record Final(
            Commission commission,
            BigDecimal provisional,
            BigDecimal amount,
            io.comply360.commission.commission.Calculation calculation) {}

    private Uni<List<Final>> finalAmounts(List<Commission> items, LocalDate periodEnd) {
        List<Final> finals = new ArrayList<>();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Commission k : items) {
            if (!k.provisional) {
                finals.add(new Final(k, null, k.amount, k.calculation));
                continue;
            }
            chain = chain.chain(() -> commissions
                    .volumeUpTo(k.agentId, k.currency, k.period, periodEnd)
                    .invoke(volume -> {
                        var fixed = k.calculation.fixedAt(volume.intValue());
                        finals.add(new Final(
                                k, fixed.amount().compareTo(k.amount) != 0 ? k.amount : null, fixed.amount(), fixed));
                    })
                    .replaceWithVoid());
        }
        return chain.map(ignored -> finals);
    }

    private Uni<Settlement> write(
            Actor actor,
            String agentId,
            String currency,
            LocalDate periodEnd,
            List<Final> finals,
            List<Clawback> backs,
            BigDecimal earned,
            BigDecimal taken,
            BigDecimal total) {
        Instant now = clock.instant();
        Settlement s = new Settlement();
        s.id = UUID.randomUUID();
        s.tenantId = actor.tenantId();
        s.agentId = agentId;
        s.currency = currency;
        s.periodEnd = periodEnd;
        s.status = SettlementStatus.SETTLED;
        s.commissionsTotal = earned;
        s.clawbacksTotal = taken;
        s.total = total;
        s.commissionCount = finals.size();
        s.createdBy = actor.userId();
        s.createdAt = now;
        List<SettlementLine> lines = new ArrayList<>();
        for (Final f : finals) {
            Commission k = f.commission();
            k.apply(f.calculation());
            k.status = CommissionStatus.SETTLED;
            k.settlementId = s.id;
            k.updatedAt = now;
            lines.add(line(
                    s,
                    lines.size() + 1,
                    "COMMISSION",
                    k.id,
                    k.reference,
                    k.country + " " + k.type + " registered " + k.registeredOn,
                    f.provisional(),
                    f.amount()));
        }
        for (Clawback b : backs) {
            b.settlementId = s.id;
            lines.add(line(s, lines.size() + 1, "CLAWBACK", b.commissionId, "", b.reason, null, b.amount));
        }
        Uni<Void> chain = settlements.persist(s).replaceWithVoid();
        for (SettlementLine l : lines) {
            chain = chain.chain(() -> settlements.persistLine(l));
        }
        return chain.chain(() -> publish(s, CommissionEvents.SETTLED, now))
                .chain(() -> audit.record(
                        actor.tenantId(),
                        actor.userId(),
                        actor.role(),
                        "settlement.created",
                        "settlement:" + s.id,
                        Map.of("agentId", agentId, "periodEnd", periodEnd.toString(), "total", Money.text(total))))
                .chain(() -> sync.request(actor.tenantId(), SyncEntity.BILL, s.id.toString()))
                .map(ignored -> s);
    }

    private static SettlementLine line(
            Settlement s,
            int position,
            String kind,
            UUID commissionId,
            String reference,
            String description,
            BigDecimal provisional,
            BigDecimal amount) {
        SettlementLine l = new SettlementLine();
        l.id = UUID.randomUUID();
        l.tenantId = s.tenantId;
        l.settlementId = s.id;
        l.position = position;
        l.kind = kind;
        l.commissionId = commissionId;
        l.reference = reference;
        l.description = description;
        l.provisionalAmount = provisional;
        l.amount = amount;
        return l;
    }

    // ---- later states ------------------------------------------------------------------------------------------

    /** The vendor bill was posted in Odoo (sync worker, in its transaction): the settlement and its lines INVOICED. */
    public Uni<Void> invoiced(Settlement s, int billId, Instant at) {
        if (s.status != SettlementStatus.SETTLED) {
            s.odooBillId = billId;
            return Uni.createFrom().voidItem();
        }
        s.status = SettlementStatus.INVOICED;
        s.odooBillId = billId;
        s.invoicedAt = at;
        return moveCommissions(s, CommissionStatus.SETTLED, CommissionStatus.INVOICED, at)
                .chain(() -> publish(s, CommissionEvents.INVOICED, at));
    }

    /** The agency paid (read from Odoo, or recorded by a tenant admin), in the caller's transaction. */
    public Uni<Void> paid(Settlement s, Instant at) {
        if (s.status == SettlementStatus.PAID) {
            return Uni.createFrom().voidItem();
        }
        s.status = SettlementStatus.PAID;
        s.paidAt = at;
        return moveCommissions(s, null, CommissionStatus.PAID, at).chain(() -> publish(s, CommissionEvents.PAID, at));
    }

    private Uni<Void> moveCommissions(Settlement s, CommissionStatus from, CommissionStatus to, Instant at) {
        return commissions
                .list(
                        "settlementId = ?1 and status in ?2",
                        s.id,
                        from == null ? List.of(CommissionStatus.SETTLED, CommissionStatus.INVOICED) : List.of(from))
                .invoke(items -> items.forEach(k -> {
                    k.status = to;
                    k.updatedAt = at;
                }))
                .replaceWithVoid();
    }

    /** A tenant admin records that a settlement was paid outside Odoo. */
    public Uni<SettlementView> markPaid(Actor actor, UUID id) {
        Instant now = clock.instant();
        return tx.inTenant(
                actor.tenantId(),
                () -> settlements.lock(id).chain(s -> {
                    if (s == null) {
                        throw ProblemException.notFound("Settlement");
                    }
                    if (s.status == SettlementStatus.PAID) {
                        throw ProblemException.conflict("The settlement is paid already");
                    }
                    return paid(s, now)
                            .chain(() -> audit.record(
                                    actor.tenantId(),
                                    actor.userId(),
                                    actor.role(),
                                    "settlement.marked_paid",
                                    "settlement:" + s.id,
                                    Map.of()))
                            .map(ignored -> SettlementView.of(s));
                }));
    }

    // ---- reading -----------------------------------------------------------------------------------------------

    public Uni<Page<SettlementView>> list(Actor actor, LocalDate periodEnd, String agentId, int limit, int offset) {
        String agent = actor.admin() ? agentId : actor.userId();
        return tx.inTenant(
                actor.tenantId(),
                () -> settlements
                        .count(agent, periodEnd)
                        .chain(total -> settlements
                                .page(agent, periodEnd, limit, offset)
                                .map(items -> new Page<>(
                                        items.stream().map(SettlementView::of).toList(), total, limit, offset))));
    }

    public Uni<SettlementView.Statement> statement(Actor actor, UUID id) {
        return tx.inTenant(
                actor.tenantId(),
                () -> settlements.findById(id).chain(s -> {
                    if (s == null || (!actor.admin() && !s.agentId.equals(actor.userId()))) {
                        throw ProblemException.notFound("Settlement");
                    }
                    return settlements
                            .lines(s.id)
                            .map(lines -> new SettlementView.Statement(
                                    SettlementView.of(s),
                                    lines.stream().map(SettlementView.Line::of).toList()));
                }));
    }

    private Uni<Void> publish(Settlement s, EventContract<CommissionEvents.SettlementChanged> contract, Instant at) {
        return outbox.publish(
                        contract,
                        s.tenantId,
                        s.id.toString(),
                        new CommissionEvents.SettlementChanged(
                                s.id,
                                s.agentId,
                                s.currency,
                                s.periodEnd,
                                Money.text(s.total),
                                s.commissionCount,
                                s.status.name(),
                                s.odooBillId,
                                at))
                .replaceWithVoid();
    }
}
