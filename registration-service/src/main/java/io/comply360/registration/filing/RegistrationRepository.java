package io.comply360.registration.filing;

import java.time.Instant;
import java.time.Year;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.comply360.platform.web.Page;
import io.comply360.registration.client.ClientRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/** Queries of the transaction's tenant's filings (row level security adds the tenant). */
@ApplicationScoped
public class RegistrationRepository implements PanacheRepositoryBase<Registration, UUID> {

    // The states are literals, not parameters, so that PostgreSQL matches the partial indexes of V2 whatever plan
    // it caches for the statement.
    private static final String STATUS = "io.comply360.registration.filing.RegistrationStatus.";

    private static final String WAITING_FOR_REVIEW = " from Registration r where r.status in (" + STATUS + "SUBMITTED, "
            + STATUS + "RESUBMITTED, " + STATUS + "IN_REVIEW)";

    private static final String OPEN =
            " and r.status not in (" + STATUS + "REJECTED, " + STATUS + "REGISTERED, " + STATUS + "CANCELLED)";

    private static final String DUE_WITHIN =
            " from Registration r where r.dueAt > :now and r.dueAt <= :until and r.slaBreachedAt is null" + OPEN;

    private static final String PAST_DUE = " from Registration r where r.dueAt is not null"
            + " and (r.dueAt <= :now or r.slaBreachedAt is not null)" + OPEN;

    private static final String ITEM = "select r.id, r.reference, r.country, r.type, r.status, r.agentId, r.assigneeId,"
            + " r.stateEnteredAt, r.dueAt";

    public Uni<Registration> lock(UUID id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /** The tenant's next reference number of {@code year}: unique (one row per tenant and year), not gap-free. */
    public Uni<Long> nextReferenceNumber(UUID tenantId, int year) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "insert into reference_counters (tenant_id, year, last) values (:tenant, :year, 1)"
                                        + " on conflict (tenant_id, year) do update"
                                        + " set last = reference_counters.last + 1 returning last",
                                Long.class)
                        .setParameter("tenant", tenantId)
                        .setParameter("year", year)
                        .getSingleResult());
    }

    public static int yearOf(Instant at) {
        return Year.from(at.atZone(ZoneOffset.UTC)).getValue();
    }

    public Uni<Page<Registration>> page(RegistrationFilter filter, Instant now, int limit, int offset) {
        Parameters params = new Parameters();
        String where = where(filter, now, params);
        var found = find(where, sort(filter.sort), params);
        return found.count()
                .chain(total -> found.range(offset, offset + limit - 1)
                        .list()
                        .map(items -> new Page<>(items, total, limit, offset)));
    }

    /** One slice of an export, after the last row of the previous one (keyset: stable while rows change). */
    public Uni<List<Registration>> slice(
            RegistrationFilter filter, Instant now, Instant afterCreated, UUID afterId, int size) {
        Parameters params = new Parameters();
        String where = where(filter, now, params);
        if (afterCreated != null) {
            where += " and (createdAt > :afterCreated or (createdAt = :afterCreated and id > :afterId))";
            params.and("afterCreated", afterCreated).and("afterId", afterId);
        }
        return find(where, Sort.by("createdAt").and("id"), params)
                .range(0, size - 1)
                .list();
    }

    /** Filings waiting for a reviewer's action (submitted or resubmitted, or in review), oldest in their state first. */
    public Uni<RegistrationDigest.Section> waitingForReview(int size) {
        return section(WAITING_FOR_REVIEW, " order by r.stateEnteredAt, r.id", Map.of(), size);
    }

    /** Open filings due after {@code now} and at the latest {@code until}, not reported as breached; soonest first. */
    public Uni<RegistrationDigest.Section> dueWithin(Instant now, Instant until, int size) {
        return section(DUE_WITHIN, " order by r.dueAt, r.id", Map.of("now", now, "until", until), size);
    }

    /** Open filings past their due time (or reported as breached), the longest overdue first. */
    public Uni<RegistrationDigest.Section> pastDue(Instant now, int size) {
        return section(PAST_DUE, " order by r.dueAt, r.id", Map.of("now", now), size);
    }

    /** How many filings {@code from} finds, and the first {@code size} of them in {@code order}. */
    private static Uni<RegistrationDigest.Section> section(
            String from, String order, Map<String, Object> params, int size) {
        return Panache.getSession().chain(session -> {
            var count = session.createSelectionQuery("select count(*)" + from, Long.class);
            var items = session.createSelectionQuery(ITEM + from + order, RegistrationDigest.Item.class)
                    .setMaxResults(size);
            params.forEach((name, value) -> {
                count.setParameter(name, value);
                items.setParameter(name, value);
            });
            return count.getSingleResult()
                    .chain(total -> items.getResultList().map(found -> new RegistrationDigest.Section(total, found)));
        });
    }

    private static String where(RegistrationFilter filter, Instant now, Parameters params) {
        StringBuilder where = new StringBuilder("1 = 1");
        if (filter.status != null && !filter.status.isEmpty()) {
            where.append(" and status in :status");
            params.and(
                    "status",
                    filter.status.stream().map(RegistrationStatus::valueOf).toList());
        }
        if (filter.type != null) {
            where.append(" and type = :type");
            params.and("type", filter.type);
        }
        if (filter.country != null) {
            where.append(" and country = :country");
            params.and("country", filter.country);
        }
        if (filter.clientId != null) {
            where.append(" and clientId = :clientId");
            params.and("clientId", filter.clientId);
        }
        if (filter.assigneeId != null) {
            where.append(" and assigneeId = :assigneeId");
            params.and("assigneeId", filter.assigneeId);
        }
        if (filter.agentId != null) {
            where.append(" and agentId = :agentId");
            params.and("agentId", filter.agentId);
        }
        if (filter.overdue != null) {
            where.append(
                    filter.overdue
                            ? " and dueAt < :now and status not in :final"
                            : " and (dueAt is null or dueAt >= :now or status in :final)");
            params.and("now", now).and("final", List.copyOf(RegistrationStatus.FINAL));
        }
        if (filter.query != null && !filter.query.isBlank()) {
            String q = filter.query.strip();
            where.append(" and (reference like :reference escape '\\' or lower(companyName) like :name escape '\\')");
            params.and("reference", ClientRepository.likeEscaped(q.toUpperCase(Locale.ROOT)) + "%")
                    .and("name", "%" + ClientRepository.likeEscaped(q.toLowerCase(Locale.ROOT)) + "%");
        }
        return where.toString();
    }

    private static Sort sort(String sort) {
        boolean descending = sort.startsWith("-");
        String column = descending ? sort.substring(1) : sort;
        Sort.Direction direction = descending ? Sort.Direction.Descending : Sort.Direction.Ascending;
        return Sort.by(column, direction, Sort.NullPrecedence.NULLS_LAST).and("id", direction);
    }
}
