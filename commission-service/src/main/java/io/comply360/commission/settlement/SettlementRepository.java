package io.comply360.commission.settlement;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

/** Settlements of the transaction's tenant. */
@ApplicationScoped
public class SettlementRepository implements PanacheRepositoryBase<Settlement, UUID> {

    public Uni<Settlement> lock(UUID id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    public Uni<Settlement> of(String agentId, String currency, LocalDate periodEnd) {
        return find("agentId = ?1 and currency = ?2 and periodEnd = ?3", agentId, currency, periodEnd)
                .firstResult();
    }

    public Uni<List<Settlement>> page(String agentId, LocalDate periodEnd, int limit, int offset) {
        return find(
                        where(agentId, periodEnd) + " order by periodEnd desc, agentId, currency",
                        params(agentId, periodEnd))
                .page(offset / Math.max(1, limit), limit)
                .list();
    }

    public Uni<Long> count(String agentId, LocalDate periodEnd) {
        return count(where(agentId, periodEnd), params(agentId, periodEnd));
    }

    public Uni<List<SettlementLine>> lines(UUID settlementId) {
        return getSession()
                .chain(s -> s.createSelectionQuery(
                                "from SettlementLine where settlementId = :id order by position", SettlementLine.class)
                        .setParameter("id", settlementId)
                        .getResultList());
    }

    public Uni<Void> persistLine(SettlementLine line) {
        return getSession().chain(s -> s.persist(line));
    }

    private static String where(String agentId, LocalDate periodEnd) {
        String where = "1 = 1";
        if (agentId != null) {
            where += " and agentId = :agentId";
        }
        if (periodEnd != null) {
            where += " and periodEnd = :periodEnd";
        }
        return where;
    }

    private static java.util.Map<String, Object> params(String agentId, LocalDate periodEnd) {
        java.util.Map<String, Object> p = new java.util.HashMap<>();
        if (agentId != null) {
            p.put("agentId", agentId);
        }
        if (periodEnd != null) {
            p.put("periodEnd", periodEnd);
        }
        return p;
    }

    /** Serialises settlement runs of the transaction's tenant until it ends. */
    public Uni<Void> lockRuns() {
        return getSession()
                .chain(session -> session.createNativeQuery("select pg_advisory_xact_lock(hashtextextended("
                                + "'settlements:' || current_setting('app.tenant_id'), 0))")
                        .getSingleResult())
                .replaceWithVoid();
    }
}
