package io.comply360.document.worker;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.comply360.clients.registration.Filings;
import io.comply360.clients.registration.RegistrationServiceApi.FilingData;
import io.comply360.contracts.document.DocumentEvents;
import io.comply360.document.config.DocumentConfig;
import io.comply360.document.documents.Document;
import io.comply360.document.documents.DocumentRepository;
import io.comply360.document.documents.DocumentService;
import io.comply360.document.documents.DocumentStates;
import io.comply360.document.documents.DocumentStatus;
import io.comply360.document.extraction.Extractor;
import io.comply360.document.extraction.Field;
import io.comply360.document.intake.Inspection;
import io.comply360.document.ocr.OcrEngine;
import io.comply360.document.ocr.OcrResult;
import io.comply360.document.storage.ObjectKeys;
import io.comply360.document.storage.ObjectStore;
import io.comply360.document.tools.Tools;
import io.comply360.document.verification.Verifier;
import io.comply360.platform.concurrent.BlockingCalls;
import io.comply360.platform.data.TenantTransactions;
import io.comply360.platform.messaging.Outbox;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.logging.Log;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * One OCR job, start to end, never holding a transaction while it waits:
 * <ol>
 * <li><b>claim</b> (a short transaction): QUEUED, or PROCESSING whose claim expired (its worker died), becomes
 * PROCESSING with a claim until {@code now + lease}, extended while the job runs; anything else is someone else's
 * or done: nothing to do;</li>
 * <li><b>read</b> on the OCR pool (one job per core by default, within the job's deadline): the original from S3,
 * the text (text layer or tesseract), stored beside the original; the fields;</li>
 * <li><b>verify</b> against the filing's data from registration-service;</li>
 * <li><b>record</b> (a short transaction): the terminal state, fields, findings, the data version, and the decision's
 * event; only while the claim is still this job's.</li>
 * </ol>
 * A file the tools cannot read ends FAILED at once ({@link Outcome#PERMANENT}); any other failure (S3 or
 * registration-service away, a time-out) puts the job back to QUEUED for the broker's retries until
 * {@code max-attempts}, then FAILED. FAILED publishes {@code document.failed}.
 */
@ApplicationScoped
public class OcrWorker {

    /** How a job ended, for the handler: done, or failed for good (dead-letter its message), or retry it. */
    public enum Outcome {
        DONE,
        SKIPPED,
        PERMANENT,
        RETRY
    }

    private final DocumentRepository documents;
    private final DocumentStates states;
    private final DocumentService service;
    private final TenantTransactions tx;
    private final Outbox outbox;
    private final ObjectStore store;
    private final OcrEngine engine;
    private final Extractor extractor;
    private final Verifier verifier;
    private final Filings filings;
    private final DocumentConfig config;
    private final Clock clock;
    private final Vertx vertx;
    private final ExecutorService pool;
    private final AtomicInteger running = new AtomicInteger();
    private final int threads;
    private final MeterRegistry meters;
    private final Counter extended;
    private final Timer reading;

    public OcrWorker(
            DocumentRepository documents,
            DocumentStates states,
            DocumentService service,
            TenantTransactions tx,
            Outbox outbox,
            ObjectStore store,
            OcrEngine engine,
            Extractor extractor,
            Verifier verifier,
            Filings filings,
            DocumentConfig config,
            Clock clock,
            Vertx vertx,
            MeterRegistry meters) {
        this.documents = documents;
        this.states = states;
        this.service = service;
        this.tx = tx;
        this.outbox = outbox;
        this.store = store;
        this.engine = engine;
        this.extractor = extractor;
        this.verifier = verifier;
        this.filings = filings;
        this.config = config;
        this.clock = clock;
        this.vertx = vertx;
        this.meters = meters;
        this.extended = meters.counter("comply360_document_ocr_claims_extended_total");
        this.reading = Timer.builder("comply360_document_ocr_read_seconds")
                .description("Time to read a document (download, text layer or OCR, text stored)")
                .register(meters);
        meters.gauge("comply360_document_ocr_jobs_running", running);
        this.threads = config.ocr().concurrency() > 0
                ? config.ocr().concurrency()
                : Runtime.getRuntime().availableProcessors();
        AtomicInteger names = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, "ocr-" + names.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @PreDestroy
    void stop() {
        pool.shutdownNow();
    }

    /** How many jobs this worker runs at once (its OCR pool). */
    public int concurrency() {
        return threads;
    }

    /** Jobs running in this process now (a gauge for operators, and for tests). */
    public int running() {
        return running.get();
    }

    /** The claim of a job: the document as claimed and the attempt it is on. */
    record Claim(Document document, int attempt) {}

    public Uni<Outcome> process(UUID tenantId, UUID documentId) {
        return claim(tenantId, documentId).chain(claim -> {
            if (claim == null) {
                return Uni.createFrom().item(Outcome.SKIPPED);
            }
            long keepAlive = vertx.setPeriodic(
                    Math.max(1000, config.ocr().lease().toMillis() / 3),
                    id -> extend(tenantId, documentId, claim.attempt()));
            return work(tenantId, claim)
                    .invoke(outcome -> meters.counter(
                                    "comply360_document_ocr_jobs_total",
                                    "outcome",
                                    outcome.name().toLowerCase(java.util.Locale.ROOT))
                            .increment())
                    .onTermination()
                    .invoke(() -> vertx.cancelTimer(keepAlive));
        });
    }

    private Uni<Claim> claim(UUID tenantId, UUID documentId) {
        Instant now = clock.instant();
        return tx.inTenant(
                tenantId,
                () -> documents.lock(documentId).chain(d -> {
                    if (d == null) {
                        Log.infof(
                                "OCR job for document %s, which tenant %s does not have; ignored",
                                documentId, tenantId);
                        return Uni.createFrom().nullItem();
                    }
                    boolean abandoned = d.status == DocumentStatus.PROCESSING
                            && (d.leaseUntil == null || d.leaseUntil.isBefore(now));
                    if (d.status != DocumentStatus.QUEUED && !abandoned) {
                        return Uni.createFrom().nullItem();
                    }
                    d.attempts++;
                    d.leaseUntil = now.plus(config.ocr().lease());
                    String reason = abandoned
                            ? "read again: the worker reading it stopped (attempt " + d.attempts + ")"
                            : "reading (attempt " + d.attempts + ")";
                    return states.enter(d, DocumentStatus.PROCESSING, reason, "worker", now)
                            .map(ignored -> new Claim(d, d.attempts));
                }));
    }

    /** Extends the claim, from a timer: on a context of its own, as Panache needs one per unit of work. */
    private void extend(UUID tenantId, UUID documentId, int attempt) {
        Instant until = clock.instant().plus(config.ocr().lease());
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        context.runOnContext(ignored -> tx.inTenant(
                        tenantId,
                        () -> documents.update(
                                "leaseUntil = ?1 where id = ?2 and status = ?3 and attempts = ?4",
                                until,
                                documentId,
                                DocumentStatus.PROCESSING,
                                attempt))
                .subscribe()
                .with(
                        updated -> extended.increment(),
                        failure -> Log.warnf(
                                "Could not extend the claim on document %s (%s); it returns to the queue if it expires",
                                documentId, failure.toString())));
    }

    private Uni<Outcome> work(UUID tenantId, Claim claim) {
        Document d = claim.document();
        List<String> flags = d.flags == null ? List.of() : Arrays.asList(d.flags);
        if (flags.contains(Inspection.Flags.PASSWORD_PROTECTED)) {
            return finish(
                    tenantId,
                    claim,
                    new Result(null, null, List.of(), null),
                    new Verifier.Verdict(
                            DocumentStatus.NEEDS_REVIEW,
                            "file: the PDF is protected by a password; its pages cannot be read here",
                            List.of(new Verifier.Finding("file", Verifier.Finding.FLAGGED, "protected by a password"))),
                    null);
        }
        return BlockingCalls.run(
                        pool,
                        () -> read(
                                d, System.nanoTime() + config.ocr().jobTimeout().toNanos()))
                .chain(result -> filings.filingData(tenantId, d.registrationId).map(filing -> {
                    Verifier.Verdict verdict =
                            verifier.verify(d.documentType, d.person(), flags, result.read(), result.fields(), filing);
                    return new Verified(result, verdict, filing);
                }))
                .chain(verified -> finish(tenantId, claim, verified.result(), verified.verdict(), verified.filing()))
                .onFailure()
                .recoverWithUni(failure -> failed(tenantId, claim, failure));
    }

    private record Verified(Result result, Verifier.Verdict verdict, FilingData filing) {}

    /** What was read: the text (kept in S3 under textKey), the fields. */
    private record Result(OcrResult read, String textKey, List<Field> fields, Double confidence) {}

    private Result read(Document d, long deadline) {
        running.incrementAndGet();
        Timer.Sample sample = Timer.start(meters);
        Path dir = DocumentService.tempDirectory();
        try {
            Path original = dir.resolve("original");
            store.download(d.objectKey, original, Long.MAX_VALUE);
            OcrResult read = engine.read(original, d.mediaType, dir, deadline);
            String textKey = ObjectKeys.text(d.tenantId, d.id);
            store.putText(textKey, read.text());
            return new Result(read, textKey, extractor.extract(read), read.meanConfidence());
        } finally {
            DocumentService.deleteTree(dir);
            running.decrementAndGet();
            sample.stop(reading);
        }
    }

    private Uni<Outcome> finish(
            UUID tenantId, Claim claim, Result result, Verifier.Verdict verdict, FilingData filing) {
        Instant now = clock.instant();
        return whileClaimed(tenantId, claim, d -> {
            d.processedAt = now;
            d.textKey = result.textKey();
            d.textSource = result.read() == null ? null : result.read().source();
            d.confidence = result.confidence() == null
                    ? null
                    : BigDecimal.valueOf(result.confidence()).setScale(2, RoundingMode.HALF_EVEN);
            d.fields = Document.wrap(result.fields());
            d.findings = Document.wrap(verdict.findings());
            d.dataVersion = filing == null ? null : filing.dataVersion();
            d.reason = verdict.reason();
            d.decidedBy = null;
            d.decidedAt = null;
            return states.enter(d, verdict.status(), verdict.reason(), "worker", now)
                    .chain(() -> service.publishDecision(d, now))
                    .replaceWith(Outcome.DONE);
        });
    }

    /**
     * A job that failed: FAILED at once when the file cannot be read or the filing is gone; otherwise back to the
     * queue for another attempt, until the attempts run out.
     */
    private Uni<Outcome> failed(UUID tenantId, Claim claim, Throwable failure) {
        boolean permanent = failure instanceof OcrEngine.Unreadable
                || failure instanceof Tools.TooMuchOutput
                || failure instanceof Filings.NotFound
                || failure instanceof software.amazon.awssdk.services.s3.model.NoSuchKeyException;
        boolean lastAttempt = claim.attempt() >= config.ocr().maxAttempts();
        String reason = reason(failure);
        Log.warnf(
                "OCR of document %s failed (attempt %d, %s): %s",
                claim.document().id, claim.attempt(), permanent ? "permanent" : "transient", failure.toString());
        Instant now = clock.instant();
        return whileClaimed(tenantId, claim, d -> {
            if (permanent || lastAttempt) {
                String why = permanent ? reason : reason + " (gave up after " + d.attempts + " attempts)";
                return fail(d, why, now).replaceWith(Outcome.PERMANENT);
            }
            return states.enter(d, DocumentStatus.QUEUED, "to be read again: " + reason, "worker", now)
                    .replaceWith(Outcome.RETRY);
        });
    }

    /** Ends {@code d} FAILED with {@code reason} and says so (in the caller's transaction). */
    Uni<Void> fail(Document d, String reason, Instant now) {
        d.reason = reason;
        d.leaseUntil = null;
        d.processedAt = now;
        return states.enter(d, DocumentStatus.FAILED, reason, "worker", now)
                .chain(() -> outbox.publish(
                        DocumentEvents.FAILED,
                        d.tenantId,
                        d.id.toString(),
                        new DocumentEvents.Failed(
                                d.id,
                                d.registrationId,
                                d.documentType,
                                d.person(),
                                d.version,
                                reason,
                                d.attempts,
                                now)))
                .replaceWithVoid();
    }

    /**
     * Runs {@code step} in a short transaction with the document locked, while the claim is still this job's (not
     * taken over after it expired, not decided by hand meanwhile); otherwise nothing happens.
     */
    private Uni<Outcome> whileClaimed(
            UUID tenantId, Claim claim, java.util.function.Function<Document, Uni<Outcome>> step) {
        return tx.inTenant(
                tenantId,
                () -> documents.lock(claim.document().id).chain(d -> {
                    if (d == null || d.status != DocumentStatus.PROCESSING || d.attempts != claim.attempt()) {
                        return Uni.createFrom().item(Outcome.SKIPPED);
                    }
                    d.leaseUntil = null;
                    return step.apply(d);
                }));
    }

    /** Why a job failed, in words for people (no paths, no personal values). */
    static String reason(Throwable failure) {
        Throwable cause = failure instanceof BlockingCalls.BlockingCallException && failure.getCause() != null
                ? failure.getCause()
                : failure;
        if (cause instanceof OcrEngine.Unreadable
                || cause instanceof Tools.TimedOut
                || cause instanceof Tools.TooMuchOutput) {
            return "the file could not be read: " + cause.getMessage();
        }
        if (cause instanceof Filings.NotFound) {
            return "the filing no longer exists";
        }
        if (cause instanceof software.amazon.awssdk.services.s3.model.NoSuchKeyException) {
            return "the original is missing from the document store";
        }
        if (cause instanceof org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException
                || cause instanceof org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException) {
            return "registration-service did not answer";
        }
        if (cause instanceof software.amazon.awssdk.core.exception.SdkException) {
            return "the document store did not answer";
        }
        return "processing failed (" + cause.getClass().getSimpleName() + ")";
    }
}
