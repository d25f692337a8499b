package io.comply360.registration.sla;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.comply360.contracts.registration.RegistrationEvents;
import io.comply360.platform.data.JobDiscovery;
import io.comply360.platform.data.audit.AuditTrail;
import io.comply360.platform.messaging.Outbox;
import io.comply360.registration.config.RegistrationConfig;
import io.comply360.registration.filing.RegistrationRepository;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Reports filings that stayed in a state past their due time: {@code registration.sla_breached}, once per entry into
 * the state (entering a state resets the clock and the flag). Finds them across tenants through the discovery
 * function {@code sla_breaches_due} and handles each in its own tenant's transaction, its row locked and checked
 * again, so two replicas never report one breach twice.
 */
@ApplicationScoped
public class SlaScanner {

    private final JobDiscovery jobs;
    private final RegistrationRepository registrations;
    private final AuditTrail audit;
    private final Outbox outbox;
    private final Clock clock;
    private final int batch;

    public SlaScanner(
            JobDiscovery jobs,
            RegistrationRepository registrations,
            AuditTrail audit,
            Outbox outbox,
            Clock clock,
            RegistrationConfig config) {
        this.jobs = jobs;
        this.registrations = registrations;
        this.audit = audit;
        this.outbox = outbox;
        this.clock = clock;
        this.batch = config.slaScanBatch();
    }

    @Scheduled(
            every = "${comply360.registration.sla-scan-every:30s}",
            delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return scan().replaceWithVoid();
    }

    /** Reports every breach due now; answers how many were reported. */
    public Uni<Integer> scan() {
        return jobs.processDue("sla_breaches_due", batch, this::report);
    }

    private Uni<Boolean> report(UUID tenantId, UUID id) {
        Instant now = clock.instant();
        return registrations.lock(id).chain(r -> {
            if (r == null || r.slaBreachedAt != null || r.dueAt == null || r.dueAt.isAfter(now) || r.status.isFinal()) {
                return Uni.createFrom().item(false);
            }
            r.slaBreachedAt = now;
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("status", r.status);
            detail.put("enteredAt", r.stateEnteredAt);
            detail.put("dueAt", r.dueAt);
            return audit.record(
                            tenantId,
                            AuditTrail.SYSTEM,
                            AuditTrail.SYSTEM,
                            "registration.sla_breached",
                            "registration:" + r.id,
                            detail)
                    .chain(() -> outbox.publish(
                            RegistrationEvents.SLA_BREACHED,
                            tenantId,
                            r.id.toString(),
                            new RegistrationEvents.SlaBreached(
                                    r.id,
                                    r.reference,
                                    r.country,
                                    r.type,
                                    r.status.name(),
                                    r.clientId,
                                    r.agentId,
                                    r.assigneeId,
                                    r.stateEnteredAt,
                                    r.dueAt,
                                    now)))
                    .replaceWith(true);
        });
    }
}
