package io.comply360.tenant.users;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/** People changes of the transaction's tenant (row level security). */
@ApplicationScoped
public class PeopleChangeRepository implements PanacheRepositoryBase<PeopleChange, UUID> {

    /** The change an {@code Idempotency-Key} of {@code principal} started. */
    public Uni<PeopleChange> byKey(String principal, String key) {
        return find("requestedBy = ?1 and idempotencyKey = ?2", principal, key).firstResult();
    }

    /** Changes still pending, oldest first. */
    public Uni<List<PeopleChange>> pending() {
        return find("state = ?1", Sort.by("requestedAt"), PeopleChange.State.pending)
                .list();
    }
}
