package io.comply360.document.documents;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

import io.comply360.clients.registration.Filings;
import io.comply360.clients.registration.RegistrationServiceApi.FilingData;
import io.comply360.clients.registration.RegistrationServiceApi.Slot;
import io.comply360.contracts.document.DocumentEvents;
import io.comply360.document.config.DocumentConfig;
import io.comply360.document.intake.FileInspector;
import io.comply360.document.intake.FileNames;
import io.comply360.document.intake.Inspection;
import io.comply360.document.storage.ObjectKeys;
import io.comply360.document.storage.ObjectStore;
import io.comply360.platform.concurrent.BlockingCalls;
import io.comply360.platform.data.Leases;
import io.comply360.platform.data.TenantTransactions;
import io.comply360.platform.data.audit.AuditTrail;
import io.comply360.platform.error.FieldError;
import io.comply360.platform.error.ProblemException;
import io.comply360.platform.error.ProblemType;
import io.comply360.platform.messaging.Outbox;
import io.comply360.platform.tenancy.Roles;
import io.comply360.platform.web.Page;
import io.smallrye.mutiny.Uni;

/**
 * Uploads (through the API, or presigned straight to S3 and completed), listing, reading and deciding documents.
 * Remote work (registration-service, S3, the checks) happens before or after a transaction, never inside one; a
 * refused or failed upload leaves no object, row or event behind.
 */
@ApplicationScoped
public class DocumentService {

    private final DocumentRepository documents;
    private final DocumentStates states;
    private final PendingUploads pending;
    private final Filings filings;
    private final FileInspector inspector;
    private final ObjectStore store;
    private final TenantTransactions tx;
    private final Outbox outbox;
    private final AuditTrail audit;
    private final DocumentConfig config;
    private final Clock clock;
    private final Leases leases;

    public DocumentService(
            DocumentRepository documents,
            DocumentStates states,
            PendingUploads pending,
            Filings filings,
            FileInspector inspector,
            ObjectStore store,
            TenantTransactions tx,
            Outbox outbox,
            AuditTrail audit,
            DocumentConfig config,
            Clock clock,
            Leases leases) {
        this.documents = documents;
        this.states = states;
        this.pending = pending;
        this.filings = filings;
        this.inspector = inspector;
        this.store = store;
        this.tx = tx;
        this.outbox = outbox;
        this.audit = audit;
        this.config = config;
        this.clock = clock;
        this.leases = leases;
    }

    /** What a new document is: its slot, and the file as the client named and declared it. */
    public record Intake(
            UUID registrationId, String documentType, UUID personId, String fileName, String declaredType) {}

    // ---- uploads -----------------------------------------------------------------------------------------------

    /** Stores an uploaded file (already on local disk) as the next version of its slot and queues it. */
    public Uni<DocumentView> upload(Actor actor, Intake intake, Path file) {
        UUID id = UUID.randomUUID();
        String key = ObjectKeys.original(actor.tenantId(), id);
        return slot(actor.tenantId(), intake)
                .chain(filing -> BlockingCalls.run(
                        () -> inspector.inspect(file, config.maxUploadSize().asLongValue())))
                .chain(inspection -> BlockingCalls.run(() -> {
                            store.put(key, file, inspection.mediaType());
                            return inspection;
                        })
                        .chain(stored -> record(actor, id, intake, stored, key, false)
                                .onFailure()
                                .call(() -> deleteQuietly(key))));
    }

    /** Starts a presigned upload: the client PUTs the file to S3 itself, then completes it. */
    public Uni<UploadTicket> startUpload(Actor actor, Intake intake, long sizeBytes) {
        long max = config.maxPresignedSize().asLongValue();
        if (sizeBytes > max) {
            throw ProblemException.invalid("sizeBytes", "must be at most " + max / (1024 * 1024) + " MB");
        }
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        Instant expires = now.plus(config.presignedUploadTtl());
        String key = ObjectKeys.quarantine(actor.tenantId(), id);
        return slot(actor.tenantId(), intake)
                .chain(filing -> tx.inTenant(actor.tenantId(), () -> {
                            PendingUpload upload = new PendingUpload();
                            upload.id = id;
                            upload.tenantId = actor.tenantId();
                            upload.registrationId = intake.registrationId();
                            upload.documentType = intake.documentType();
                            upload.personId = personKey(intake.personId());
                            upload.fileName = FileNames.clean(intake.fileName());
                            upload.declaredType = intake.declaredType();
                            upload.sizeBytes = sizeBytes;
                            upload.objectKey = key;
                            upload.expiresAt = expires;
                            upload.createdBy = actor.userId();
                            upload.createdAt = now;
                            return pending.persist(upload);
                        })
                        .map(upload -> {
                            ObjectStore.Presigned put = store.presignPut(
                                    key, intake.declaredType(), sizeBytes, config.presignedUploadTtl());
                            return new UploadTicket(id, put.method(), put.url(), put.headers(), sizeBytes, expires);
                        }));
    }

    /**
     * Checks what the client put to its presigned URL like any upload, then stores the bytes it checked (never the
     * object as it may be by then) as the document with the upload's id. Completions of one upload run one at a time
     * (a lease): a second, concurrent or later, answers the document. A refused object is deleted; the upload stays
     * until it expires, so the client may PUT another file and complete again.
     */
    public Uni<DocumentView> complete(Actor actor, UUID id) {
        return leases.holding(
                "document-upload:" + id,
                Duration.ofMinutes(2),
                Duration.ofSeconds(60),
                () -> completeHolding(actor, id));
    }

    private Uni<DocumentView> completeHolding(Actor actor, UUID id) {
        return tx.inTenant(
                        actor.tenantId(),
                        () -> documents
                                .findById(id)
                                .chain(existing -> existing != null
                                        ? Uni.createFrom().item(new Found(existing, null))
                                        : pending.findById(id).map(upload -> new Found(null, upload))))
                .chain(found -> {
                    if (found.document() != null) {
                        return Uni.createFrom().item(DocumentView.of(found.document()));
                    }
                    PendingUpload upload = found.upload();
                    if (upload == null) {
                        throw ProblemException.notFound("Upload");
                    }
                    if (upload.expiresAt.isBefore(clock.instant())) {
                        throw ProblemException.conflict(
                                "The upload expired at " + upload.expiresAt + "; start a new one");
                    }
                    Intake intake = new Intake(
                            upload.registrationId,
                            upload.documentType,
                            personOf(upload.personId),
                            upload.fileName,
                            upload.declaredType);
                    String key = ObjectKeys.original(actor.tenantId(), id);
                    return slot(actor.tenantId(), intake)
                            .chain(filing -> BlockingCalls.run(() -> store.head(upload.objectKey)))
                            .chain(head -> {
                                if (head.isEmpty()) {
                                    // Not refused: the client may still PUT the file until the upload expires.
                                    throw ProblemException.conflict(
                                            "Nothing has been uploaded to the presigned URL yet; PUT the file first");
                                }
                                return BlockingCalls.run(() ->
                                                checkAndStore(upload, head.get().contentLength(), key))
                                        .onFailure(ProblemException.class)
                                        .call(() -> deleteQuietly(upload.objectKey));
                            })
                            .chain(inspection -> record(actor, id, intake, inspection, key, true)
                                    .onFailure()
                                    .call(() -> deleteQuietly(key)));
                });
    }

    private record Found(Document document, PendingUpload upload) {}

    /**
     * Downloads the quarantined object, checks the downloaded bytes, and stores those bytes as the original; the
     * quarantined object (which the client could still replace) is then deleted.
     */
    private Inspection checkAndStore(PendingUpload upload, long size, String key) {
        if (size != upload.sizeBytes) {
            throw new ProblemException(
                    ProblemType.VALIDATION_FAILED,
                    "The upload has " + size + " bytes; " + upload.sizeBytes + " were announced",
                    List.of(new FieldError("file", "is not the size that was announced")));
        }
        Path dir = tempDirectory();
        try {
            Path file = dir.resolve("upload");
            store.download(upload.objectKey, file, config.maxPresignedSize().asLongValue());
            Inspection inspection =
                    inspector.inspect(file, config.maxPresignedSize().asLongValue());
            store.put(key, file, inspection.mediaType());
            store.delete(upload.objectKey);
            return inspection;
        } finally {
            deleteTree(dir);
        }
    }

    /**
     * The document's row, its first two states, its OCR job and the audit entry, in one transaction; a completed
     * presigned upload's row goes in the same one.
     */
    private Uni<DocumentView> record(
            Actor actor, UUID id, Intake intake, Inspection inspection, String key, boolean completesUpload) {
        Instant now = clock.instant();
        UUID person = personKey(intake.personId());
        return tx.inTenant(
                actor.tenantId(),
                () -> documents
                        .lockSlot(intake.registrationId(), intake.documentType(), person)
                        .chain(() -> documents.latestVersion(intake.registrationId(), intake.documentType(), person))
                        .chain(latest -> {
                            Document d = new Document();
                            d.id = id;
                            d.tenantId = actor.tenantId();
                            d.registrationId = intake.registrationId();
                            d.documentType = intake.documentType();
                            d.personId = person;
                            d.version = latest + 1;
                            d.status = DocumentStatus.RECEIVED;
                            d.fileName = FileNames.clean(intake.fileName());
                            d.declaredType = intake.declaredType();
                            d.mediaType = inspection.mediaType();
                            d.sizeBytes = inspection.sizeBytes();
                            d.sha256 = inspection.sha256();
                            d.pages = inspection.pages();
                            d.widthPx = inspection.widthPx();
                            d.heightPx = inspection.heightPx();
                            d.flags = inspection.flags().toArray(String[]::new);
                            d.objectKey = key;
                            d.fields = Document.wrap(List.of());
                            d.findings = Document.wrap(List.of());
                            d.attempts = 0;
                            d.uploadedBy = actor.userId();
                            d.uploadedAt = now;
                            Map<String, Object> detail = new LinkedHashMap<>();
                            detail.put("registrationId", d.registrationId);
                            detail.put("documentType", d.documentType);
                            detail.put("version", d.version);
                            detail.put("mediaType", d.mediaType);
                            detail.put("sizeBytes", d.sizeBytes);
                            detail.put("sha256", d.sha256);
                            return documents
                                    .persist(d)
                                    .chain(() -> states.enter(
                                            d,
                                            DocumentStatus.RECEIVED,
                                            "stored and checked: " + d.mediaType + ", " + d.sizeBytes + " bytes",
                                            actor.userId(),
                                            now))
                                    .chain(() -> queue(d, actor.userId(), "queued for reading", now.plusNanos(1000)))
                                    .chain(() -> audit.record(
                                            actor.tenantId(),
                                            actor.userId(),
                                            actor.role(),
                                            "document.uploaded",
                                            target(d.id),
                                            detail))
                                    .chain(() -> completesUpload
                                            ? pending.delete("id", id).replaceWithVoid()
                                            : Uni.createFrom().voidItem())
                                    .chain(() -> documents.sameBytes(d.sha256, d.id))
                                    .map(same -> DocumentView.of(
                                            d,
                                            same.stream()
                                                    .map(DocumentView.Duplicate::of)
                                                    .toList(),
                                            null,
                                            null));
                        }));
    }

    /** Queues {@code d}'s OCR job (in the caller's transaction): QUEUED, and the event the worker consumes. */
    public Uni<Void> queue(Document d, String actor, String reason, Instant at) {
        d.leaseUntil = null;
        return states.enter(d, DocumentStatus.QUEUED, reason, actor, at)
                .chain(() -> outbox.publish(
                        DocumentEvents.UPLOADED,
                        d.tenantId,
                        d.id.toString(),
                        new DocumentEvents.Uploaded(
                                d.id,
                                d.registrationId,
                                d.documentType,
                                d.person(),
                                d.version,
                                d.mediaType,
                                d.sizeBytes,
                                d.pages,
                                d.flags == null ? List.of() : Arrays.asList(d.flags),
                                d.attempts + 1,
                                d.uploadedBy,
                                d.uploadedAt)))
                .replaceWithVoid();
    }

    // ---- reading -----------------------------------------------------------------------------------------------

    public Uni<Page<DocumentView>> list(
            Actor actor, UUID registrationId, DocumentStatus status, int limit, int offset) {
        return tx.inTenant(
                actor.tenantId(),
                () -> documents
                        .countCurrent(registrationId, status)
                        .chain(total -> documents
                                .current(registrationId, status, limit, offset)
                                .map(items -> new Page<>(
                                        items.stream().map(DocumentView::of).toList(), total, limit, offset))));
    }

    public Uni<DocumentView> get(Actor actor, UUID id) {
        return tx.inTenant(
                actor.tenantId(),
                () -> found(id)
                        .chain(d -> states.of(d.id)
                                .chain(history -> documents
                                        .versions(d.registrationId, d.documentType, d.personId, 20)
                                        .chain(versions -> documents
                                                .sameBytes(d.sha256, d.id)
                                                .map(same -> DocumentView.of(
                                                        d,
                                                        same.stream()
                                                                .map(DocumentView.Duplicate::of)
                                                                .toList(),
                                                        history.stream()
                                                                .map(DocumentView.StateView::of)
                                                                .toList(),
                                                        versions.stream()
                                                                .map(DocumentView.VersionView::of)
                                                                .toList()))))));
    }

    /** The text read from the document. */
    public Uni<String> text(Actor actor, UUID id) {
        return tx.inTenant(actor.tenantId(), () -> found(id)).chain(d -> {
            if (d.textKey == null) {
                throw new ProblemException(
                        ProblemType.NOT_FOUND, "No text has been read from this document yet (it is " + d.status + ")");
            }
            return BlockingCalls.run(() -> store.getText(d.textKey));
        });
    }

    /** A short-lived link to the original, for the owning tenant only (recorded in the audit trail). */
    public Uni<DownloadLink> download(Actor actor, UUID id) {
        Instant expires = clock.instant().plus(config.downloadTtl());
        return tx.inTenant(
                        actor.tenantId(),
                        () -> found(id)
                                .call(d -> audit.record(
                                        actor.tenantId(),
                                        actor.userId(),
                                        actor.role(),
                                        "document.downloaded",
                                        target(d.id),
                                        Map.of("version", d.version))))
                .map(d -> new DownloadLink(
                        store.presignGet(d.objectKey, d.fileName, d.mediaType, config.downloadTtl()), expires));
    }

    // ---- decisions ---------------------------------------------------------------------------------------------

    /** A tenant admin accepts a document by hand. */
    public Uni<DocumentView> approve(Actor actor, UUID id, String note) {
        return decide(
                actor, id, DocumentStatus.VERIFIED, note == null ? "approved by hand" : "approved by hand: " + note);
    }

    /** A tenant admin rejects a document by hand: the agent uploads it again. */
    public Uni<DocumentView> requestReupload(Actor actor, UUID id, String reason) {
        return decide(actor, id, DocumentStatus.REJECTED, "upload it again: " + reason);
    }

    private Uni<DocumentView> decide(Actor actor, UUID id, DocumentStatus to, String reason) {
        Instant now = clock.instant();
        return tx.inTenant(
                actor.tenantId(),
                () -> lockedCurrent(id).chain(d -> {
                    if (!d.status.terminal()) {
                        throw ProblemException.conflict(
                                "The document is " + d.status + "; decide once it has been read");
                    }
                    if (d.status == to && to == DocumentStatus.VERIFIED) {
                        throw ProblemException.conflict("The document is already verified");
                    }
                    d.reason = reason;
                    d.decidedBy = actor.userId();
                    d.decidedAt = now;
                    return states.enter(d, to, reason, actor.userId(), now)
                            .chain(() -> publishDecision(d, now))
                            .chain(() -> audit.record(
                                    actor.tenantId(),
                                    actor.userId(),
                                    actor.role(),
                                    to == DocumentStatus.VERIFIED ? "document.approved" : "document.reupload_requested",
                                    target(d.id),
                                    Map.of("version", d.version)))
                            .map(ignored -> DocumentView.of(d));
                }));
    }

    /** Reads the current version again against the filing as it is now. */
    public Uni<DocumentView> recheck(Actor actor, UUID id) {
        Instant now = clock.instant();
        return tx.inTenant(
                actor.tenantId(),
                () -> lockedCurrent(id).chain(d -> {
                    if (!d.status.terminal()) {
                        throw ProblemException.conflict("The document is " + d.status + " already");
                    }
                    if (d.decidedBy != null && !Roles.TENANT_ADMIN.equals(actor.role())) {
                        throw ProblemException.conflict("A tenant admin decided this document by hand; only a"
                                + " tenant admin can send it back to be checked again");
                    }
                    d.attempts = 0;
                    return queue(d, actor.userId(), "checked again on request", now)
                            .chain(() -> audit.record(
                                    actor.tenantId(),
                                    actor.userId(),
                                    actor.role(),
                                    "document.rechecked",
                                    target(d.id),
                                    Map.of("version", d.version)))
                            .map(ignored -> DocumentView.of(d));
                }));
    }

    /** The decision's event (VERIFIED, NEEDS_REVIEW or REJECTED), in the caller's transaction. */
    public Uni<Void> publishDecision(Document d, Instant at) {
        var contract = switch (d.status) {
            case VERIFIED -> DocumentEvents.VERIFIED;
            case NEEDS_REVIEW -> DocumentEvents.NEEDS_REVIEW;
            case REJECTED -> DocumentEvents.REJECTED;
            default -> throw new IllegalStateException("No decision event for " + d.status);
        };
        return outbox.publish(
                        contract,
                        d.tenantId,
                        d.id.toString(),
                        new DocumentEvents.Checked(
                                d.id,
                                d.registrationId,
                                d.documentType,
                                d.person(),
                                d.version,
                                d.dataVersion,
                                d.reason,
                                at))
                .replaceWithVoid();
    }

    // ---- shared ------------------------------------------------------------------------------------------------

    private Uni<Document> found(UUID id) {
        return documents.findById(id).map(d -> {
            if (d == null) {
                throw ProblemException.notFound("Document");
            }
            return d;
        });
    }

    /** The document, locked, when it is its slot's current version (older versions are history). */
    private Uni<Document> lockedCurrent(UUID id) {
        return documents.lock(id).chain(d -> {
            if (d == null) {
                throw ProblemException.notFound("Document");
            }
            return documents
                    .latestVersion(d.registrationId, d.documentType, d.personId)
                    .map(latest -> {
                        if (latest != d.version) {
                            throw ProblemException.conflict("Version " + d.version + " has been replaced by version "
                                    + latest + "; act on that one");
                        }
                        return d;
                    });
        });
    }

    /**
     * The filing the document is for, from registration-service: it must exist in the caller's tenant, be open,
     * and have the slot on its checklist (the type, and the person for per-person types).
     */
    private Uni<FilingData> slot(UUID tenantId, Intake intake) {
        return filings.filingData(tenantId, intake.registrationId())
                .onFailure(Filings.NotFound.class)
                .transform(f -> ProblemException.invalid("registrationId", "does not name a filing of this agency"))
                .onFailure(failure -> !(failure instanceof ProblemException))
                .transform(
                        failure -> new ProblemException(
                                ProblemType.SERVICE_UNAVAILABLE,
                                "The filing cannot be checked right now (registration-service does not answer); try again shortly"))
                .map(filing -> {
                    if (filing.closed()) {
                        throw ProblemException.conflict(
                                "The filing is " + filing.status() + "; its documents can no longer change");
                    }
                    List<Slot> ofType = filing.slots().stream()
                            .filter(s -> s.documentType().equals(intake.documentType()))
                            .toList();
                    if (ofType.isEmpty()) {
                        throw ProblemException.invalid(
                                "documentType",
                                "is not on this filing's checklist (it asks for: "
                                        + String.join(
                                                ", ",
                                                filing.slots().stream()
                                                        .map(Slot::documentType)
                                                        .distinct()
                                                        .toList())
                                        + ")");
                    }
                    boolean match =
                            ofType.stream().anyMatch(s -> java.util.Objects.equals(s.personId(), intake.personId()));
                    if (!match) {
                        boolean perPerson = ofType.stream().anyMatch(s -> s.personId() != null);
                        throw ProblemException.invalid(
                                "personId",
                                intake.personId() == null
                                        ? "is required: this filing needs " + intake.documentType() + " per person"
                                        : perPerson
                                                ? "is not a person this filing needs " + intake.documentType() + " for"
                                                : "must not be given: " + intake.documentType()
                                                        + " is not per person on this filing");
                    }
                    return filing;
                });
    }

    private Uni<Void> deleteQuietly(String key) {
        return BlockingCalls.run(() -> {
                    store.delete(key);
                    return null;
                })
                .replaceWithVoid()
                .onFailure()
                .recoverWithNull();
    }

    static UUID personKey(UUID personId) {
        return personId == null ? Document.NO_PERSON : personId;
    }

    static UUID personOf(UUID key) {
        return Document.NO_PERSON.equals(key) ? null : key;
    }

    static String target(UUID id) {
        return "document:" + id;
    }

    public static Path tempDirectory() {
        try {
            return Files.createTempDirectory("comply360-document-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory left behind is removed with the others by the OS
        }
    }

    /** Where the client PUTs a large file: the method, URL and signed headers, until {@code expiresAt}. */
    public record UploadTicket(
            UUID id, String method, URI url, Map<String, List<String>> headers, long sizeBytes, Instant expiresAt) {}

    public record DownloadLink(URI url, Instant expiresAt) {}
}
