package io.comply360.document.worker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.comply360.document.config.DocumentConfig;
import io.comply360.document.documents.DocumentRepository;
import io.comply360.document.documents.DocumentService;
import io.comply360.document.documents.DocumentStatus;
import io.comply360.document.documents.PendingUploads;
import io.comply360.document.storage.ObjectStore;
import io.comply360.platform.concurrent.BlockingCalls;
import io.comply360.platform.data.JobDiscovery;
import io.comply360.platform.data.TenantItem;
import io.comply360.platform.data.TenantTransactions;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Housekeeping across tenants, through discovery functions (each item then in its own tenant's transaction, its
 * row locked and checked again, so replicas never act twice):
 * <ul>
 * <li>jobs left PROCESSING by a worker that died (its claim expired): queued again, or FAILED once their attempts
 * are used up (workers only);</li>
 * <li>presigned uploads never completed: their quarantined object and row deleted once they expire.</li>
 * </ul>
 */
@ApplicationScoped
public class Sweepers {

    private static final int BATCH = 100;

    private final JobDiscovery jobs;
    private final DocumentRepository documents;
    private final DocumentService service;
    private final OcrWorker worker;
    private final PendingUploads pending;
    private final ObjectStore store;
    private final TenantTransactions tx;
    private final DocumentConfig config;
    private final Clock clock;
    private final String uploadsDirectory;

    public Sweepers(
            JobDiscovery jobs,
            DocumentRepository documents,
            DocumentService service,
            OcrWorker worker,
            PendingUploads pending,
            ObjectStore store,
            TenantTransactions tx,
            DocumentConfig config,
            Clock clock,
            @ConfigProperty(name = "quarkus.http.body.uploads-directory") String uploadsDirectory) {
        this.jobs = jobs;
        this.documents = documents;
        this.service = service;
        this.worker = worker;
        this.pending = pending;
        this.store = store;
        this.tx = tx;
        this.config = config;
        this.clock = clock;
        this.uploadsDirectory = uploadsDirectory;
    }

    @Scheduled(
            every = "${comply360.document.ocr.sweep-every:30s}",
            delayed = "15s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduledJobs() {
        return config.worker()
                ? returnStuckJobs().replaceWithVoid()
                : Uni.createFrom().voidItem();
    }

    @Scheduled(
            every = "${comply360.document.uploads.sweep-every:5m}",
            delayed = "60s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduledUploads() {
        return deleteExpiredUploads().replaceWithVoid();
    }

    @Scheduled(every = "1h", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduledTemporaryFiles() {
        return BlockingCalls.run(this::deleteStaleUploads).replaceWithVoid();
    }

    /**
     * Deletes request bodies the HTTP layer streamed to disk more than an hour ago: it deletes them at the end of a
     * request, but not when a body is refused half-way (over the limit while it streams), which would fill the disk.
     */
    public int deleteStaleUploads() {
        Path directory = Path.of(uploadsDirectory);
        if (!Files.isDirectory(directory)) {
            return 0;
        }
        Instant before = clock.instant().minus(Duration.ofHours(1));
        int deleted = 0;
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                try {
                    if (Files.isRegularFile(file)
                            && Files.getLastModifiedTime(file).toInstant().isBefore(before)) {
                        Files.deleteIfExists(file);
                        deleted++;
                    }
                } catch (IOException e) {
                    Log.debugf("Could not delete %s: %s", file, e.toString());
                }
            }
        } catch (IOException e) {
            Log.warnf("Could not list %s: %s", directory, e.toString());
        }
        if (deleted > 0) {
            Log.infof("Deleted %d request bodies left behind in %s", deleted, directory);
        }
        return deleted;
    }

    /** Queues again (or fails) every job whose worker died; answers how many it handled. */
    public Uni<Integer> returnStuckJobs() {
        return jobs.processDue("documents_stuck", BATCH, this::returnJob);
    }

    private Uni<Boolean> returnJob(UUID tenantId, UUID id) {
        Instant now = clock.instant();
        return documents.lock(id).chain(d -> {
            if (d == null
                    || d.status != DocumentStatus.PROCESSING
                    || d.leaseUntil == null
                    || d.leaseUntil.isAfter(now)) {
                return Uni.createFrom().item(false);
            }
            if (d.attempts >= config.ocr().maxAttempts()) {
                return worker.fail(d, "the worker stopped while reading it, " + d.attempts + " times (gave up)", now)
                        .replaceWith(true);
            }
            return service.queue(d, "worker", "queued again: the worker reading it stopped", now)
                    .replaceWith(true);
        });
    }

    /** Deletes expired presigned uploads: the object first (outside any transaction), then the row. */
    public Uni<Integer> deleteExpiredUploads() {
        return jobs.due("uploads_expired", BATCH)
                .chain(items -> Multi.createFrom()
                        .iterable(items)
                        .onItem()
                        .transformToUniAndConcatenate(this::deleteUpload)
                        .collect()
                        .asList()
                        .map(done -> (int)
                                done.stream().filter(Boolean::booleanValue).count()));
    }

    private Uni<Boolean> deleteUpload(TenantItem item) {
        return tx.inTenant(item.tenantId(), () -> pending.findById(item.id()))
                .chain(upload -> {
                    if (upload == null || upload.expiresAt.isAfter(clock.instant())) {
                        return Uni.createFrom().item(false);
                    }
                    return BlockingCalls.run(() -> {
                                store.delete(upload.objectKey);
                                return null;
                            })
                            .chain(() -> tx.inTenant(item.tenantId(), () -> pending.delete("id", item.id())))
                            .replaceWith(true);
                })
                .onFailure()
                .recoverWithItem(failure -> {
                    Log.warnf(
                            "Expired upload %s could not be deleted (%s); tried again later",
                            item.id(), failure.toString());
                    return false;
                });
    }
}
