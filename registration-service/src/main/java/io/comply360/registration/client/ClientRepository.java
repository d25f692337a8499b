package io.comply360.registration.client;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.comply360.platform.web.Page;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/** Queries of the transaction's tenant's clients (row level security adds the tenant). */
@ApplicationScoped
public class ClientRepository implements PanacheRepositoryBase<Client, UUID> {

    public Uni<Client> lock(UUID id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /**
     * A page by name; {@code query} matches a part of the name, the email or the registration number, case aside.
     */
    public Uni<Page<Client>> page(String query, boolean includeArchived, int limit, int offset) {
        StringBuilder where = new StringBuilder("1 = 1");
        Parameters params = new Parameters();
        if (!includeArchived) {
            where.append(" and archivedAt is null");
        }
        if (query != null && !query.isBlank()) {
            where.append(" and (lower(name) like :q escape '\\' or lower(email) like :q escape '\\'"
                    + " or lower(registrationNumber) like :q escape '\\')");
            params.and("q", "%" + likeEscaped(query.strip().toLowerCase(Locale.ROOT)) + "%");
        }
        var found = find(where.toString(), Sort.by("name").and("id"), params);
        return found.count()
                .chain(total -> found.range(offset, offset + limit - 1)
                        .list()
                        .map(items -> new Page<>(items, total, limit, offset)));
    }

    public Uni<List<Client>> byIds(List<UUID> ids) {
        return list("id in ?1", ids);
    }

    /** {@code %}, {@code _} and the escape character itself match only themselves. */
    public static String likeEscaped(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
