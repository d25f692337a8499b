package io.comply360.document.documents;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

/** Documents of the transaction's tenant (row level security keeps every query inside it). */
@ApplicationScoped
public class DocumentRepository implements PanacheRepositoryBase<Document, UUID> {

    public Uni<Document> lock(UUID id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /**
     * Serialises new versions of one slot until the transaction ends (uploads of the same slot at the same moment
     * get consecutive versions instead of a conflict). Held only by the short transaction that writes the row.
     */
    public Uni<Void> lockSlot(UUID registrationId, String documentType, UUID personId) {
        return getSession()
                .chain(session -> session.createNativeQuery("select pg_advisory_xact_lock(hashtextextended(:slot, 0))")
                        .setParameter("slot", registrationId + "/" + documentType + "/" + personId)
                        .getSingleResult())
                .replaceWithVoid();
    }

    /** The highest version of a slot so far (0 for none). */
    public Uni<Integer> latestVersion(UUID registrationId, String documentType, UUID personId) {
        return find(
                        "select coalesce(max(d.version), 0) from Document d where d.registrationId = ?1"
                                + " and d.documentType = ?2 and d.personId = ?3",
                        registrationId,
                        documentType,
                        personId)
                .project(Integer.class)
                .firstResult();
    }

    /** The latest versions of a slot (at most {@code max}), newest first. */
    public Uni<List<Document>> versions(UUID registrationId, String documentType, UUID personId, int max) {
        return find(
                        "registrationId = ?1 and documentType = ?2 and personId = ?3 order by version desc",
                        registrationId,
                        documentType,
                        personId)
                .page(0, max)
                .list();
    }

    /** Other documents of the tenant with the same bytes, newest first. */
    public Uni<List<Document>> sameBytes(String sha256, UUID except) {
        return find("sha256 = ?1 and id <> ?2 order by uploadedAt desc", sha256, except)
                .page(0, 10)
                .list();
    }

    /** The current version of each slot, filtered, newest upload first. */
    public Uni<List<Document>> current(UUID registrationId, DocumentStatus status, int limit, int offset) {
        return find(
                        CURRENT + filter(registrationId, status) + " order by d.uploadedAt desc, d.id",
                        params(registrationId, status))
                .page(offset / Math.max(1, limit), limit)
                .list();
    }

    public Uni<Long> countCurrent(UUID registrationId, DocumentStatus status) {
        return count(CURRENT + filter(registrationId, status), params(registrationId, status));
    }

    private static final String CURRENT = "from Document d where d.version = (select max(o.version) from Document o"
            + " where o.registrationId = d.registrationId and o.documentType = d.documentType"
            + " and o.personId = d.personId)";

    private static String filter(UUID registrationId, DocumentStatus status) {
        return (registrationId != null ? " and d.registrationId = :registrationId" : "")
                + (status != null ? " and d.status = :status" : "");
    }

    private static io.quarkus.panache.common.Parameters params(UUID registrationId, DocumentStatus status) {
        io.quarkus.panache.common.Parameters parameters = new io.quarkus.panache.common.Parameters();
        if (registrationId != null) {
            parameters.and("registrationId", registrationId);
        }
        if (status != null) {
            parameters.and("status", status);
        }
        return parameters;
    }
}
