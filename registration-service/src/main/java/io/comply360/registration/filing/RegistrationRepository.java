package io.comply360.registration.filing;

import java.time.Instant;
import java.time.Year;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
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
