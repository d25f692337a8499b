package io.comply360.commission.odoo;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.comply360.commission.Actor;
import io.comply360.commission.settlement.SettlementRepository;
import io.comply360.commission.settlement.SettlementStatus;
import io.comply360.platform.concurrent.BlockingCalls;
import io.comply360.platform.data.TenantTransactions;
import io.comply360.platform.data.audit.AuditTrail;
import io.comply360.platform.error.ProblemException;
import io.comply360.platform.error.ProblemType;
import io.smallrye.mutiny.Uni;

/** A tenant admin's settings for the agency's Odoo: saved (URL checked, key encrypted) and tested. */
@ApplicationScoped
public class OdooSettingsService {

    /** A change of the settings; a null {@code apiKey} keeps the stored one. */
    public record Change(String url, String database, String login, String apiKey, boolean enabled) {}

    private final TenantTransactions tx;
    private final ApiKeys keys;
    private final OdooUrls urls;
    private final OdooGateway odoo;
    private final SyncRuns runs;
    private final TenantBreakers breakers;
    private final AuditTrail audit;
    private final Clock clock;
    private final SettlementRepository settlements;
    private final SyncJobs jobs;

    public OdooSettingsService(
            TenantTransactions tx,
            ApiKeys keys,
            OdooUrls urls,
            OdooGateway odoo,
            SyncRuns runs,
            TenantBreakers breakers,
            AuditTrail audit,
            Clock clock,
            SettlementRepository settlements,
            SyncJobs jobs) {
        this.tx = tx;
        this.keys = keys;
        this.urls = urls;
        this.odoo = odoo;
        this.runs = runs;
        this.breakers = breakers;
        this.audit = audit;
        this.clock = clock;
        this.settlements = settlements;
        this.jobs = jobs;
    }

    public Uni<OdooSettingsView> get(Actor actor) {
        return tx.inTenant(actor.tenantId(), () -> settings(actor.tenantId())).map(s -> {
            if (s == null) {
                throw new ProblemException(ProblemType.NOT_FOUND, "The agency has not connected its Odoo yet");
            }
            return OdooSettingsView.of(s, breakers.openUntil(actor.tenantId()));
        });
    }

    public Uni<OdooSettingsView> save(Actor actor, Change change) {
        String url = change.url().strip().replaceAll("/+$", "");
        return BlockingCalls.run(() -> urls.problem(url)).chain(problem -> {
            if (problem != null) {
                throw ProblemException.invalid("url", problem);
            }
            Instant now = clock.instant();
            return tx.inTenant(
                    actor.tenantId(),
                    () -> settings(actor.tenantId()).chain(existing -> {
                        if (existing == null && change.apiKey() == null) {
                            throw ProblemException.invalid("apiKey", "is required when connecting Odoo");
                        }
                        boolean wasEnabled = existing != null && existing.enabled;
                        OdooSettings s = existing != null ? existing : new OdooSettings();
                        s.tenantId = actor.tenantId();
                        s.url = url;
                        s.database = change.database();
                        s.login = change.login();
                        if (change.apiKey() != null) {
                            s.apiKeyCipher = keys.encrypt(actor.tenantId(), change.apiKey());
                        }
                        s.enabled = change.enabled();
                        s.configurationError = null;
                        s.updatedBy = actor.userId();
                        s.updatedAt = now;
                        Uni<OdooSettings> saved = existing != null
                                ? Uni.createFrom().item(s)
                                : SyncRuns.session()
                                        .chain(session -> session.persist(s))
                                        .replaceWith(s);
                        return saved.call(() -> audit.record(
                                        actor.tenantId(),
                                        actor.userId(),
                                        actor.role(),
                                        "odoo.settings_saved",
                                        "odoo_settings",
                                        Map.of(
                                                "url",
                                                url,
                                                "enabled",
                                                s.enabled,
                                                "apiKeyChanged",
                                                change.apiKey() != null)))
                                .call(() -> s.enabled && !wasEnabled
                                        ? backfill(actor.tenantId())
                                        : Uni.createFrom().voidItem())
                                .invoke(() -> breakers.reset(actor.tenantId()))
                                .map(done -> OdooSettingsView.of(s, null));
                    }));
        });
    }

    /** Calls the agency's Odoo with the saved settings: its version and the user id the key signs in as. */
    public Uni<OdooGateway.ServerInfo> test(Actor actor) {
        return tx.inTenant(actor.tenantId(), () -> settings(actor.tenantId())).chain(s -> {
            if (s == null) {
                throw new ProblemException(ProblemType.NOT_FOUND, "The agency has not connected its Odoo yet");
            }
            OdooGateway.Connection connection = runs.connection(s);
            return runs.call(() -> {
                        String problem = urls.problem(s.url);
                        if (problem != null) {
                            throw new OdooException(OdooException.Kind.NOT_ODOO, "url " + problem);
                        }
                        return odoo.test(connection);
                    })
                    .onFailure(OdooException.class)
                    .call(e -> ((OdooException) e).kind() == OdooException.Kind.ACCESS_DENIED
                            ? tx.inTenant(
                                    actor.tenantId(),
                                    () -> settings(actor.tenantId())
                                            .invoke(fresh -> fresh.configurationError = e.getMessage()))
                            : Uni.createFrom().voidItem())
                    .onFailure(OdooException.class)
                    .transform(e -> new ProblemException(
                            ((OdooException) e).transientFailure()
                                    ? ProblemType.SERVICE_UNAVAILABLE
                                    : ProblemType.VALIDATION_FAILED,
                            "Odoo: " + e.getMessage()));
        });
    }

    /**
     * Odoo was just enabled (again): waiting jobs are due now, and settlements made while it was off become vendor
     * bills too (changes of filings before that are not replayed: their leads start with their next change).
     */
    private Uni<Void> backfill(UUID tenantId) {
        return jobs.update("nextAttemptAt = ?1 where status = ?2", clock.instant(), SyncStatus.PENDING)
                .chain(() -> settlements.list("status", SettlementStatus.SETTLED))
                .chain(items -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (var settlement : items) {
                        chain = chain.chain(() ->
                                jobs.upsert(tenantId, SyncEntity.BILL, settlement.id.toString(), clock.instant()));
                    }
                    return chain;
                });
    }

    static Uni<OdooSettings> settings(UUID tenantId) {
        return SyncRuns.session().chain(session -> session.find(OdooSettings.class, tenantId));
    }
}
