package io.comply360.document.documents;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

/** The states documents went through, in the transaction's tenant. */
@ApplicationScoped
public class DocumentStates implements PanacheRepositoryBase<DocumentState, UUID> {

    /** Moves {@code document} to {@code status} and records it (in the caller's transaction). */
    public Uni<Void> enter(Document document, DocumentStatus status, String reason, String actor, Instant at) {
        document.status = status;
        DocumentState state = new DocumentState();
        state.id = UUID.randomUUID();
        state.tenantId = document.tenantId;
        state.documentId = document.id;
        state.at = at;
        state.status = status;
        state.reason = reason;
        state.actor = actor;
        return persist(state).replaceWithVoid();
    }

    public Uni<List<DocumentState>> of(UUID documentId) {
        return list("documentId = ?1 order by at, id", documentId);
    }
}
