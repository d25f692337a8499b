package io.comply360.commission.ratecard;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

/** Rate cards of the transaction's tenant (row level security keeps every query inside it). */
@ApplicationScoped
public class RateCardRepository implements PanacheRepositoryBase<RateCard, UUID> {

    /** The version in effect on {@code day} (the latest that started on or before it), or null. */
    public Uni<RateCard> effectiveOn(LocalDate day) {
        return find("effectiveFrom <= ?1 order by effectiveFrom desc", day).firstResult();
    }

    public Uni<Integer> latestVersion() {
        return find("select coalesce(max(r.version), 0) from RateCard r")
                .project(Integer.class)
                .firstResult();
    }

    public Uni<Boolean> startsOn(LocalDate day) {
        return count("effectiveFrom", day).map(n -> n > 0);
    }

    public Uni<List<RateCard>> page(int limit, int offset) {
        return find("order by version desc")
                .page(offset / Math.max(1, limit), limit)
                .list();
    }

    /** Serialises new versions of the tenant's card until the transaction ends (consecutive version numbers). */
    public Uni<Void> lockTenantCards() {
        return getSession()
                .chain(session -> session.createNativeQuery("select pg_advisory_xact_lock(hashtextextended("
                                + "'rate_cards:' || current_setting('app.tenant_id'), 0))")
                        .getSingleResult())
                .replaceWithVoid();
    }
}
