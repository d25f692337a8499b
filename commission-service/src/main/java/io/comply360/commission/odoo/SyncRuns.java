package io.comply360.commission.odoo;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.hibernate.reactive.mutiny.Mutiny;

import io.comply360.clients.tenant.TenantDirectory;
import io.comply360.clients.tenant.TenantServiceApi;
import io.comply360.commission.commission.CommissionRepository;
import io.comply360.commission.commission.Filing;
import io.comply360.commission.commission.FilingRepository;
import io.comply360.commission.config.CommissionConfig;
import io.comply360.commission.ratecard.RateCardRepository;
import io.comply360.commission.settlement.SettlementRepository;
import io.comply360.commission.settlement.SettlementService;
import io.comply360.commission.settlement.SettlementStatus;
import io.comply360.contracts.commission.CommissionEvents;
import io.comply360.platform.concurrent.BlockingCalls;
import io.comply360.platform.concurrent.CallerContext;
import io.comply360.platform.data.JobDiscovery;
import io.comply360.platform.data.TenantTransactions;
import io.comply360.platform.messaging.Outbox;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Runs sync jobs: found due by a discovery function (every {@code poll-every}) or woken by an {@code odoo.sync}
 * message. A run has three steps, and no transaction or lock is held while Odoo is called:
 * <ol>
 * <li>claim (a short transaction): the job is due, the agency's breaker lets it through; the job is marked SENDING
 * with a claim and the thing's current state is read;</li>
 * <li>call Odoo on this service's own bounded threads (every upsert searches before it creates);</li>
 * <li>record (a short transaction, only while the claim is still this run's): bindings, the settlement's new state,
 * the job DONE — or, on failure, PENDING again after a backoff (Odoo down: for as long as it takes, the breaker
 * spacing the probes) or FAILED with {@code commission.sync_failed} (a fault a person must fix).</li>
 * </ol>
 * A run interrupted between the call and the record leaves a SENDING job whose claim expires; the next run finds in
 * Odoo what the interrupted one created, so nothing is created twice.
 */
@ApplicationScoped
public class SyncRuns {

    /** What one run brings to Odoo, read in the claim's transaction. */
    sealed interface Work {}

    record PartnerWork(String agentId, Integer partnerId) implements Work {}

    record LeadWork(OdooGateway.Lead lead, Integer leadId) implements Work {}

    record BillWork(
            UUID settlementId,
            String agentId,
            LocalDate periodEnd,
            String currency,
            List<OdooGateway.BillLine> lines,
            Integer partnerId,
            Integer billId)
            implements Work {}

    record PaymentWork(UUID settlementId, int billId) implements Work {}

    record Claimed(
            UUID jobId,
            SyncEntity entity,
            String localId,
            int attempts,
            Instant claimedUntil,
            long requests,
            OdooGateway.Connection connection,
            Work work) {}

    /** What Odoo answered: records to bind, and for payments the bill's state. */
    record Outcome(List<Bound> bound, String paymentState) {}

    record Bound(SyncEntity entity, String localId, String model, int odooId) {}

    private final TenantTransactions tx;
    private final JobDiscovery discovery;
    private final SyncJobs jobs;
    private final BindingRepository bindings;
    private final FilingRepository filings;
    private final CommissionRepository commissions;
    private final RateCardRepository cards;
    private final SettlementRepository settlements;
    private final SettlementService settlementStates;
    private final OdooGateway odoo;
    private final OdooUrls urls;
    private final ApiKeys keys;
    private final TenantBreakers breakers;
    private final TenantDirectory people;
    private final Outbox outbox;
    private final Clock clock;
    private final CommissionConfig config;
    private final ExecutorService pool;
    private final MeterRegistry meters;

    public SyncRuns(
            TenantTransactions tx,
            JobDiscovery discovery,
            SyncJobs jobs,
            BindingRepository bindings,
            FilingRepository filings,
            CommissionRepository commissions,
            RateCardRepository cards,
            SettlementRepository settlements,
            SettlementService settlementStates,
            OdooGateway odoo,
            OdooUrls urls,
            ApiKeys keys,
            TenantBreakers breakers,
            TenantDirectory people,
            Outbox outbox,
            Clock clock,
            CommissionConfig config,
            MeterRegistry meters) {
        this.meters = meters;
        this.tx = tx;
        this.discovery = discovery;
        this.jobs = jobs;
        this.bindings = bindings;
        this.filings = filings;
        this.commissions = commissions;
        this.cards = cards;
        this.settlements = settlements;
        this.settlementStates = settlementStates;
        this.odoo = odoo;
        this.urls = urls;
        this.keys = keys;
        this.breakers = breakers;
        this.people = people;
        this.outbox = outbox;
        this.clock = clock;
        this.config = config;
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(config.odoo().threads(), r -> {
            Thread t = new Thread(r, "odoo-sync-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @PreDestroy
    void stop() {
        pool.shutdownNow();
    }

    static Uni<Mutiny.Session> session() {
        return Panache.getSession();
    }

    /** A blocking call to Odoo on the sync's own threads, its result back on the caller's context. */
    <T> Uni<T> call(Callable<T> call) {
        return BlockingCalls.run(pool, call);
    }

    OdooGateway.Connection connection(OdooSettings s) {
        return new OdooGateway.Connection(s.url, s.database, s.login, keys.decrypt(s.tenantId, s.apiKeyCipher));
    }

    @Scheduled(
            every = "${comply360.commission.odoo.poll-every:10S}",
            delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> poll() {
        return runDue().replaceWithVoid();
    }

    /** Runs the jobs due now (several agencies' at once, so one slow Odoo does not hold the others). */
    public Uni<Integer> runDue() {
        return discovery
                .due("odoo_jobs_due", 100)
                .chain(items -> Multi.createFrom()
                        .iterable(items)
                        .onItem()
                        .transformToUni(item -> CallerContext.onOwnContext(() -> run(item.tenantId(), item.id()))
                                .onFailure()
                                .recoverWithItem(failure -> {
                                    Log.errorf(
                                            failure,
                                            "Sync job %s of tenant %s failed to run",
                                            item.id(),
                                            item.tenantId());
                                    return false;
                                }))
                        .merge(config.odoo().threads())
                        .filter(Boolean::booleanValue)
                        .collect()
                        .asList()
                        .map(List::size));
    }

    /** Runs one job if it is due; true when it ran (whatever Odoo said). */
    public Uni<Boolean> run(UUID tenantId, UUID jobId) {
        Instant started = clock.instant();
        return tx.inTenant(tenantId, () -> claim(tenantId, jobId, started)).chain(claimed -> {
            if (claimed == null) {
                return Uni.createFrom().item(false);
            }
            return prepare(tenantId, claimed)
                    .chain(person -> call(() -> execute(claimed, person)))
                    .chain(outcome -> tx.inTenant(tenantId, () -> succeeded(tenantId, claimed, outcome)))
                    .invoke(() -> count(claimed, "done"))
                    .onFailure()
                    .recoverWithUni(failure -> tx.inTenant(tenantId, () -> failed(tenantId, claimed, failure))
                            .invoke(() -> count(
                                    claimed,
                                    failure instanceof OdooException o
                                            ? o.kind().name().toLowerCase(java.util.Locale.ROOT)
                                            : "other")))
                    .replaceWith(true);
        });
    }

    // ---- 1. claim ----------------------------------------------------------------------------------------------

    private Uni<Claimed> claim(UUID tenantId, UUID jobId, Instant now) {
        return jobs.findById(jobId, LockModeType.PESSIMISTIC_WRITE).chain(job -> {
            if (job == null
                    || (job.status != SyncStatus.PENDING && job.status != SyncStatus.SENDING)
                    || job.nextAttemptAt.isAfter(now)
                    || (job.claimedUntil != null && job.claimedUntil.isAfter(now))) {
                return Uni.createFrom().nullItem();
            }
            return OdooSettingsService.settings(tenantId).chain(settings -> {
                if (settings == null || !settings.enabled) {
                    job.status = SyncStatus.PENDING;
                    job.lastError = "Odoo is not connected or not enabled for the agency";
                    job.nextAttemptAt = now.plus(config.odoo().maxBackoff());
                    job.updatedAt = now;
                    return Uni.createFrom().nullItem();
                }
                Instant blocked = breakers.blockedUntil(tenantId);
                if (blocked != null) {
                    job.nextAttemptAt = blocked;
                    job.updatedAt = now;
                    return Uni.createFrom().nullItem();
                }
                return work(tenantId, job).map(work -> {
                    if (work == null) {
                        job.status = SyncStatus.DONE;
                        job.doneAt = now;
                        job.lastError = null;
                        job.updatedAt = now;
                        return null;
                    }
                    job.status = SyncStatus.SENDING;
                    // Compared with the stored value later: the database keeps microseconds.
                    job.claimedUntil = now.plus(config.odoo().claim()).truncatedTo(ChronoUnit.MICROS);
                    job.attempts++;
                    job.lastAttemptAt = now;
                    job.updatedAt = now;
                    return new Claimed(
                            job.id,
                            job.entity,
                            job.localId,
                            job.attempts,
                            job.claimedUntil,
                            job.requests,
                            connection(settings),
                            work);
                });
            });
        });
    }

    /** The thing's current state; null when there is nothing (left) to sync. */
    private Uni<Work> work(UUID tenantId, SyncJob job) {
        return switch (job.entity) {
            case PARTNER ->
                bindings.odooId(tenantId, SyncEntity.PARTNER, job.localId).map(id -> new PartnerWork(job.localId, id));
            case LEAD -> leadWork(tenantId, UUID.fromString(job.localId));
            case BILL -> billWork(tenantId, UUID.fromString(job.localId));
            case PAYMENT ->
                settlements
                        .findById(UUID.fromString(job.localId))
                        .chain(s -> s == null || s.status == SettlementStatus.PAID
                                ? Uni.createFrom().<Work>nullItem()
                                : bindings.odooId(tenantId, SyncEntity.BILL, job.localId)
                                        .map(id -> id == null ? null : new PaymentWork(s.id, id)));
        };
    }

    private Uni<Work> leadWork(UUID tenantId, UUID registrationId) {
        return filings.findById(new Filing.Key(tenantId, registrationId)).chain(f -> {
            if (f == null) {
                return Uni.createFrom().nullItem();
            }
            return commissions
                    .ofRegistration(registrationId)
                    .chain(k -> k != null
                            ? Uni.createFrom().item(k.professionalFee)
                            : cards.effectiveOn(LocalDate.ofInstant(f.changedAt, config.zone()))
                                    .map(card -> card == null
                                            ? BigDecimal.ZERO
                                            : card.line(f.country, f.type)
                                                    .map(l -> l.professionalFee())
                                                    .orElse(BigDecimal.ZERO)))
                    .chain(revenue -> bindings.odooId(tenantId, SyncEntity.LEAD, registrationId.toString())
                            .map(id -> new LeadWork(
                                    new OdooGateway.Lead(
                                            leadName(f),
                                            "Comply360 filing " + f.reference + " (" + f.country + " " + f.type + "), "
                                                    + f.status.toLowerCase(java.util.Locale.ROOT),
                                            revenue,
                                            f.outcome()),
                                    id)));
        });
    }

    /** The lead's name, which also finds it again in Odoo: the filing's reference and type never change. */
    static String leadName(Filing f) {
        return f.reference + " · " + f.country + " " + f.type;
    }

    private Uni<Work> billWork(UUID tenantId, UUID settlementId) {
        return settlements.findById(settlementId).chain(s -> {
            if (s == null) {
                return Uni.createFrom().nullItem();
            }
            return settlements
                    .lines(s.id)
                    .chain(lines -> bindings.odooId(tenantId, SyncEntity.PARTNER, s.agentId)
                            .chain(partner -> bindings.odooId(tenantId, SyncEntity.BILL, s.id.toString())
                                    .map(bill -> new BillWork(
                                            s.id,
                                            s.agentId,
                                            s.periodEnd,
                                            s.currency,
                                            lines.stream()
                                                    .map(l -> new OdooGateway.BillLine(
                                                            (l.reference.isEmpty() ? "" : l.reference + ": ")
                                                                    + l.description,
                                                            l.amount))
                                                    .toList(),
                                            partner,
                                            bill))));
        });
    }

    // ---- 2. call -----------------------------------------------------------------------------------------------

    /**
     * The agent's name and e-mail when a partner may have to be created (tenant-service, bounded); null when
     * tenant-service no longer knows them (they left the agency): a normal answer, and the partner is named by id.
     */
    private Uni<TenantServiceApi.Person> prepare(UUID tenantId, Claimed claimed) {
        String agent = claimed.work() instanceof PartnerWork p
                ? p.agentId()
                : claimed.work() instanceof BillWork b && b.partnerId() == null ? b.agentId() : null;
        return agent == null
                ? Uni.createFrom().nullItem()
                : people.person(tenantId, agent)
                        .onFailure(TenantDirectory.NotFound.class)
                        .recoverWithNull();
    }

    private Outcome execute(Claimed claimed, TenantServiceApi.Person person) {
        String problem = urls.problem(claimed.connection().url());
        if (problem != null) {
            throw new OdooException(OdooException.Kind.NOT_ODOO, "url " + problem);
        }
        OdooGateway.Connection c = claimed.connection();
        List<Bound> bound = new ArrayList<>();
        Work work = claimed.work();
        if (work instanceof PaymentWork w) {
            return new Outcome(List.of(), odoo.paymentState(c, w.billId()));
        } else if (work instanceof PartnerWork w) {
            bound.add(new Bound(
                    SyncEntity.PARTNER,
                    w.agentId(),
                    "res.partner",
                    odoo.upsertPartner(c, w.partnerId(), partner(w.agentId(), person))));
        } else if (work instanceof LeadWork w) {
            bound.add(new Bound(
                    SyncEntity.LEAD, claimed.localId(), "crm.lead", odoo.upsertLead(c, w.leadId(), w.lead())));
        } else if (work instanceof BillWork w) {
            int partnerId =
                    w.partnerId() != null ? w.partnerId() : odoo.upsertPartner(c, null, partner(w.agentId(), person));
            bound.add(new Bound(SyncEntity.PARTNER, w.agentId(), "res.partner", partnerId));
            int billId = odoo.upsertPostedBill(
                    c,
                    w.billId(),
                    new OdooGateway.Bill(
                            w.settlementId().toString(), partnerId, w.periodEnd(), w.currency(), w.lines()));
            bound.add(new Bound(SyncEntity.BILL, w.settlementId().toString(), "account.move", billId));
        }
        return new Outcome(bound, null);
    }

    /** The agent's partner: found again by {@code ref}, named as tenant-service knows them. */
    static OdooGateway.Partner partner(String agentId, TenantServiceApi.Person person) {
        return new OdooGateway.Partner(
                "comply360-agent-" + agentId,
                person == null ? agentId : person.displayName(),
                person == null ? null : person.email());
    }

    // ---- 3. record ---------------------------------------------------------------------------------------------

    /** The job as this run claimed it, or null when another run has taken it over since. */
    private Uni<SyncJob> stillOurs(Claimed claimed) {
        return jobs.findById(claimed.jobId(), LockModeType.PESSIMISTIC_WRITE)
                .map(job -> job != null
                                && job.status == SyncStatus.SENDING
                                && claimed.claimedUntil().equals(job.claimedUntil)
                        ? job
                        : null);
    }

    private Uni<Void> succeeded(UUID tenantId, Claimed claimed, Outcome outcome) {
        Instant now = clock.instant();
        breakers.success(tenantId);
        return stillOurs(claimed).chain(job -> {
            if (job == null) {
                return Uni.createFrom().voidItem();
            }
            Uni<Void> chain = OdooSettingsService.settings(tenantId)
                    .invoke(s -> {
                        if (s != null) {
                            s.configurationError = null;
                        }
                    })
                    .replaceWithVoid();
            for (Bound b : outcome.bound()) {
                chain = chain.chain(() -> bindings.bind(tenantId, b.entity(), b.localId(), b.model(), b.odooId(), now));
            }
            chain = chain.chain(() -> effects(tenantId, claimed, outcome, job, now));
            return chain.invoke(() -> {
                job.claimedUntil = null;
                job.lastError = null;
                job.lastErrorKind = null;
                job.updatedAt = now;
                if (job.status == SyncStatus.SENDING) {
                    boolean changedMeanwhile = job.requests != claimed.requests();
                    job.status = changedMeanwhile ? SyncStatus.PENDING : SyncStatus.DONE;
                    job.nextAttemptAt = now;
                    job.doneAt = changedMeanwhile ? null : now;
                    job.attempts = 0;
                }
            });
        });
    }

    /** What a run's success means here: a settlement invoiced (and its payment polled), or paid. */
    private Uni<Void> effects(UUID tenantId, Claimed claimed, Outcome outcome, SyncJob job, Instant now) {
        if (claimed.work() instanceof BillWork w) {
            int billId = outcome.bound().stream()
                    .filter(b -> b.entity() == SyncEntity.BILL)
                    .findFirst()
                    .orElseThrow()
                    .odooId();
            return settlements
                    .lock(w.settlementId())
                    .chain(s -> settlementStates
                            .invoiced(s, billId, now)
                            .chain(() -> jobs.upsert(
                                    tenantId,
                                    SyncEntity.PAYMENT,
                                    s.id.toString(),
                                    now.plus(config.odoo().paymentPoll()))));
        }
        if (claimed.work() instanceof PaymentWork w) {
            if ("paid".equals(outcome.paymentState()) || "in_payment".equals(outcome.paymentState())) {
                return settlements.lock(w.settlementId()).chain(s -> settlementStates.paid(s, now));
            }
            // Not paid yet: look again later (a job that polls, not one that failed).
            job.status = SyncStatus.PENDING;
            job.nextAttemptAt = now.plus(config.odoo().paymentPoll());
            job.attempts = 0;
        }
        return Uni.createFrom().voidItem();
    }

    private Uni<Void> failed(UUID tenantId, Claimed claimed, Throwable failure) {
        Instant now = clock.instant();
        OdooException e = failure instanceof OdooException o
                ? o
                : new OdooException(OdooException.Kind.OTHER, describe(failure), failure);
        Instant breakerOpen = e.transientFailure() ? breakers.failure(tenantId) : null;
        Log.warnf(
                "Odoo sync %s %s of tenant %s, attempt %d: %s %s",
                claimed.entity().code, claimed.localId(), tenantId, claimed.attempts(), e.kind(), e.getMessage());
        return stillOurs(claimed).chain(job -> {
            if (job == null) {
                return Uni.createFrom().voidItem();
            }
            job.claimedUntil = null;
            job.lastError = bounded(e.getMessage());
            job.lastErrorKind = e.kind().name();
            job.updatedAt = now;
            boolean retry = e.transientFailure()
                    || (e.kind() == OdooException.Kind.OTHER
                            && job.attempts < config.odoo().maxUnknownFaults());
            if (retry) {
                job.status = SyncStatus.PENDING;
                Instant next = now.plus(backoff(job.attempts));
                job.nextAttemptAt = breakerOpen != null && breakerOpen.isAfter(next) ? breakerOpen : next;
                return Uni.createFrom().voidItem();
            }
            if (job.requests != claimed.requests()) {
                // The thing changed while this run pushed its old state: the new state gets its own try first.
                job.status = SyncStatus.PENDING;
                job.attempts = 0;
                job.nextAttemptAt = now;
                return Uni.createFrom().voidItem();
            }
            job.status = SyncStatus.FAILED;
            Uni<Void> settingsNote = e.kind() == OdooException.Kind.ACCESS_DENIED
                    ? OdooSettingsService.settings(tenantId)
                            .invoke(s -> {
                                if (s != null) {
                                    s.configurationError = job.lastError;
                                }
                            })
                            .replaceWithVoid()
                    : Uni.createFrom().voidItem();
            return settingsNote
                    .chain(() -> outbox.publish(
                            CommissionEvents.SYNC_FAILED,
                            tenantId,
                            job.id.toString(),
                            new CommissionEvents.SyncFailed(
                                    job.id,
                                    job.entity.code,
                                    job.localId,
                                    e.kind().name(),
                                    job.lastError,
                                    job.attempts,
                                    now)))
                    .replaceWithVoid();
        });
    }

    /** Runs by entity and outcome (done, unavailable, validation, access_denied, …): what an operator alerts on. */
    private void count(Claimed claimed, String outcome) {
        meters.counter("comply360_commission_odoo_sync_runs_total", "entity", claimed.entity().code, "outcome", outcome)
                .increment();
    }

    /** The delay before attempt {@code attempts + 1}: doubling from the first backoff up to the cap, ±20 %. */
    Duration backoff(int attempts) {
        Duration d = config.odoo().firstBackoff().multipliedBy(1L << Math.min(Math.max(attempts - 1, 0), 20));
        if (d.compareTo(config.odoo().maxBackoff()) > 0) {
            d = config.odoo().maxBackoff();
        }
        double jitter = 0.8 + ThreadLocalRandom.current().nextDouble() * 0.4;
        return Duration.ofMillis((long) (d.toMillis() * jitter));
    }

    private static String describe(Throwable failure) {
        String message = failure.getMessage();
        return failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private static String bounded(String message) {
        String m = message == null ? "unknown error" : message;
        return m.length() > 1000 ? m.substring(0, 997) + "..." : m;
    }

    /** Marks a FAILED (or waiting) job due now: a tenant admin fixed the cause. */
    public Uni<SyncJob> retry(UUID tenantId, UUID jobId) {
        return jobs.findById(jobId, LockModeType.PESSIMISTIC_WRITE).chain(job -> {
            if (job == null) {
                return Uni.createFrom().nullItem();
            }
            if (job.status == SyncStatus.DONE || job.status == SyncStatus.SENDING) {
                throw io.comply360.platform.error.ProblemException.conflict(
                        "The job is " + job.status + "; only a failed or waiting job can be retried");
            }
            breakers.reset(tenantId);
            return jobs.upsert(tenantId, job.entity, job.localId, clock.instant())
                    .invoke(() -> {
                        job.status = SyncStatus.PENDING;
                        job.attempts = 0;
                        job.nextAttemptAt = clock.instant();
                    })
                    .replaceWith(job);
        });
    }
}
