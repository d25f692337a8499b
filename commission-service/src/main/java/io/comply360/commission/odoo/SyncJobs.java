package io.comply360.commission.odoo;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.comply360.contracts.commission.CommissionEvents;
import io.comply360.platform.messaging.Outbox;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

/**
 * Sync jobs of the transaction's tenant. {@link #request} is called in the transaction of the change it syncs: the
 * job row commits with the change or not at all, and a wake-up message (through the outbox) makes the worker run
 * it at once. Nothing is written while the agency has no Odoo enabled.
 */
@ApplicationScoped
public class SyncJobs implements PanacheRepositoryBase<SyncJob, UUID> {

    private final Outbox outbox;
    private final Clock clock;

    public SyncJobs(Outbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Asks for {@code entity}/{@code localId} to be brought to the agency's Odoo (in the caller's transaction). */
    public Uni<Void> request(UUID tenantId, SyncEntity entity, String localId) {
        return getSession()
                .chain(session -> session.find(OdooSettings.class, tenantId))
                .chain(settings -> settings == null || !settings.enabled
                        ? Uni.createFrom().voidItem()
                        : upsert(tenantId, entity, localId, clock.instant()));
    }

    /** Queues the job whatever the settings say (a manual retry, a payment poll re-armed). */
    public Uni<Void> upsert(UUID tenantId, SyncEntity entity, String localId, Instant due) {
        Instant now = clock.instant();
        return find("entity = ?1 and localId = ?2", entity, localId)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResult()
                .chain(job -> {
                    if (job == null) {
                        SyncJob fresh = new SyncJob();
                        fresh.id = UUID.randomUUID();
                        fresh.tenantId = tenantId;
                        fresh.entity = entity;
                        fresh.localId = localId;
                        fresh.status = SyncStatus.PENDING;
                        fresh.nextAttemptAt = due;
                        fresh.requestedAt = now;
                        fresh.createdAt = now;
                        fresh.updatedAt = now;
                        return persist(fresh);
                    }
                    job.requestedAt = now;
                    job.requests++;
                    job.updatedAt = now;
                    if (job.status == SyncStatus.DONE || job.status == SyncStatus.FAILED) {
                        job.status = SyncStatus.PENDING;
                        job.attempts = 0;
                        job.nextAttemptAt = due;
                    }
                    return Uni.createFrom().item(job);
                })
                .chain(job -> job.nextAttemptAt.isAfter(now)
                        ? Uni.createFrom().voidItem()
                        : outbox.publish(
                                        CommissionEvents.SYNC_REQUESTED,
                                        tenantId,
                                        job.id.toString(),
                                        new CommissionEvents.SyncRequested(job.id, entity.code, localId))
                                .replaceWithVoid());
    }
}
