package io.comply360.commission.commission;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

/** Commissions of the transaction's tenant (row level security keeps every query inside it). */
@ApplicationScoped
public class CommissionRepository implements PanacheRepositoryBase<Commission, UUID> {

    /** A list's filter; {@code agentId} is forced to the caller's own id for agents. */
    public record Filter(CommissionStatus status, String agentId, LocalDate from, LocalDate to, UUID settlementId) {

        String where() {
            List<String> parts = new ArrayList<>();
            if (status != null) {
                parts.add("c.status = :status");
            }
            if (agentId != null) {
                parts.add("c.agentId = :agentId");
            }
            if (from != null) {
                parts.add("c.registeredOn >= :from");
            }
            if (to != null) {
                parts.add("c.registeredOn <= :to");
            }
            if (settlementId != null) {
                parts.add("c.settlementId = :settlementId");
            }
            return parts.isEmpty() ? "" : " where " + String.join(" and ", parts);
        }

        Map<String, Object> params() {
            Map<String, Object> p = new HashMap<>();
            if (status != null) {
                p.put("status", status);
            }
            if (agentId != null) {
                p.put("agentId", agentId);
            }
            if (from != null) {
                p.put("from", from);
            }
            if (to != null) {
                p.put("to", to);
            }
            if (settlementId != null) {
                p.put("settlementId", settlementId);
            }
            return p;
        }
    }

    public Uni<Commission> lock(UUID id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    public Uni<Commission> ofRegistration(UUID registrationId) {
        return find("registrationId", registrationId).firstResult();
    }

    public Uni<Commission> lockOfRegistration(UUID registrationId) {
        return find("registrationId", registrationId)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResult();
    }

    /** How many of an agent's commissions in a currency count towards a month's volume. */
    public Uni<Long> volume(String agentId, String currency, LocalDate period) {
        return count(
                "agentId = ?1 and currency = ?2 and period = ?3 and status in ?4",
                agentId,
                currency,
                period,
                CommissionStatus.COUNTED);
    }

    /** A month's volume as a settlement fixes it: the agent's counted commissions of that month up to a day. */
    public Uni<Long> volumeUpTo(String agentId, String currency, LocalDate period, LocalDate upTo) {
        return count(
                "agentId = ?1 and currency = ?2 and period = ?3 and status in ?4 and registeredOn <= ?5",
                agentId,
                currency,
                period,
                CommissionStatus.COUNTED,
                upTo);
    }

    public Uni<List<Commission>> page(Filter filter, int limit, int offset) {
        return find("from Commission c" + filter.where() + " order by c.registeredOn desc, c.id", filter.params())
                .page(offset / Math.max(1, limit), limit)
                .list();
    }

    public Uni<Long> count(Filter filter) {
        return count("from Commission c" + filter.where(), filter.params());
    }

    /** Slices for an export: after (registeredOn, id) of the last row, oldest first. */
    public Uni<List<Commission>> slice(Filter filter, Commission after, int size) {
        Map<String, Object> params = filter.params();
        String where = filter.where();
        if (after != null) {
            where += (where.isEmpty() ? " where " : " and ")
                    + "(c.registeredOn > :afterDay or (c.registeredOn = :afterDay and c.id > :afterId))";
            params.put("afterDay", after.registeredOn);
            params.put("afterId", after.id);
        }
        return find("from Commission c" + where + " order by c.registeredOn, c.id", params)
                .page(0, size)
                .list();
    }

    /** Approved commissions of an agent in a currency registered on or before a day, not settled yet. */
    public Uni<List<Commission>> lockSettleable(String agentId, String currency, LocalDate periodEnd) {
        return find(
                        "agentId = ?1 and currency = ?2 and registeredOn <= ?3 and status = ?4 and settlementId is null"
                                + " order by registeredOn, id",
                        agentId,
                        currency,
                        periodEnd,
                        CommissionStatus.APPROVED)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .list();
    }

    /** (agent, currency) pairs with approved commissions up to a day. */
    public Uni<List<AgentCurrency>> settleableAgents(LocalDate periodEnd) {
        return find(
                        "select distinct c.agentId, c.currency from Commission c where c.registeredOn <= ?1"
                                + " and c.status = ?2 and c.settlementId is null order by c.agentId, c.currency",
                        periodEnd,
                        CommissionStatus.APPROVED)
                .project(AgentCurrency.class)
                .list();
    }

    /** Totals (count, amount) by status and currency, for a filter. */
    public Uni<List<ByStatus>> totalsByStatus(Filter filter) {
        return find(
                        "select c.status, c.currency, count(c), sum(c.amount) from Commission c" + filter.where()
                                + " group by c.status, c.currency order by c.status, c.currency",
                        filter.params())
                .project(ByStatus.class)
                .list();
    }

    /** Totals (count, amount) by agent, month and currency of commissions that are not rejected or reversed. */
    public Uni<List<ByAgentAndMonth>> totalsByAgentAndMonth(Filter filter) {
        String where = filter.where();
        where += (where.isEmpty() ? " where " : " and ") + "c.status in :counted";
        Map<String, Object> params = filter.params();
        params.put("counted", CommissionStatus.COUNTED);
        return find(
                        "select c.agentId, c.period, c.currency, count(c), sum(c.amount) from Commission c" + where
                                + " group by c.agentId, c.period, c.currency order by c.period desc, c.agentId",
                        params)
                .project(ByAgentAndMonth.class)
                .list();
    }

    public record AgentCurrency(String agentId, String currency) {}

    public record ByStatus(CommissionStatus status, String currency, Long count, BigDecimal amount) {}

    public record ByAgentAndMonth(String agentId, LocalDate period, String currency, Long count, BigDecimal amount) {}
}
