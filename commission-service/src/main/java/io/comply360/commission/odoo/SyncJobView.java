package io.comply360.commission.odoo;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A sync job as tenant admins see it: what, its state, attempts, when next, and Odoo's last error. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SyncJobView(
        UUID id,
        String entity,
        String localId,
        String status,
        int attempts,
        Instant nextAttemptAt,
        Instant lastAttemptAt,
        String lastError,
        String lastErrorKind,
        Instant doneAt,
        Instant createdAt,
        Instant updatedAt) {

    static SyncJobView of(SyncJob j) {
        return new SyncJobView(
                j.id,
                j.entity.code,
                j.localId,
                j.status.name(),
                j.attempts,
                j.status == SyncStatus.DONE || j.status == SyncStatus.FAILED ? null : j.nextAttemptAt,
                j.lastAttemptAt,
                j.lastError,
                j.lastErrorKind,
                j.doneAt,
                j.createdAt,
                j.updatedAt);
    }
}
