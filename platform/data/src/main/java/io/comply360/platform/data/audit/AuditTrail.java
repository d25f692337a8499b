package io.comply360.platform.data.audit;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.comply360.platform.web.Page;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * A tenant's audit trail: who did what to which of its things. Both operations run inside the caller's tenant
 * transaction ({@code TenantTransactions.inTenant}): an entry commits with the change it records or not at all, and
 * row level security keeps every read to the transaction's tenant.
 *
 * <p>A service using it creates the {@code audit_log} tenant table in its own migration (see docs/platform.md), so
 * that it can reference its own tables and stays its own.
 */
@ApplicationScoped
public class AuditTrail {

    /** The actor of what a service does on its own (a saga, a job), without a user. */
    public static final String SYSTEM = "system";

    /** Records an action; {@code actor} null means {@link #SYSTEM}. */
    public Uni<Void> record(
            UUID tenantId, String actor, String actorRole, String action, String target, Map<String, ?> detail) {
        AuditEntry entry = new AuditEntry();
        entry.id = UUID.randomUUID();
        entry.tenantId = tenantId;
        entry.at = Instant.now();
        entry.actor = actor == null ? SYSTEM : actor;
        entry.actorRole = actorRole;
        entry.action = action;
        entry.target = target;
        entry.detail = new LinkedHashMap<>(detail);
        return Panache.getSession().chain(session -> session.persist(entry));
    }

    /** The transaction's tenant's entries, newest first. */
    public Uni<Page<AuditView>> page(int limit, int offset) {
        return Panache.getSession()
                .chain(session -> session.createSelectionQuery("select count(*) from AuditEntry", Long.class)
                        .getSingleResult()
                        .chain(total -> session.createSelectionQuery(
                                        "from AuditEntry order by at desc, id", AuditEntry.class)
                                .setFirstResult(offset)
                                .setMaxResults(limit)
                                .getResultList()
                                .map(entries -> new Page<>(
                                        entries.stream().map(AuditView::of).toList(), total, limit, offset))));
    }

    /** The transaction's tenant's entries about one target, oldest first: a thing's history. */
    public Uni<Page<AuditView>> history(String target, int limit, int offset) {
        return Panache.getSession()
                .chain(session -> session.createSelectionQuery(
                                "select count(*) from AuditEntry where target = :target", Long.class)
                        .setParameter("target", target)
                        .getSingleResult()
                        .chain(total -> session.createSelectionQuery(
                                        "from AuditEntry where target = :target order by at, id", AuditEntry.class)
                                .setParameter("target", target)
                                .setFirstResult(offset)
                                .setMaxResults(limit)
                                .getResultList()
                                .map(entries -> new Page<>(
                                        entries.stream().map(AuditView::of).toList(), total, limit, offset))));
    }
}
