package io.comply360.platform.data;

import java.util.UUID;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.MDC;

import io.comply360.platform.tenancy.CurrentTenant;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.runtime.SessionOperations;
import io.smallrye.mutiny.Uni;

/**
 * The only way services open a transaction. {@link #inTenant} starts with
 * {@code select set_config('app.tenant_id', :tenant, true)}: the setting lives exactly as long as the
 * transaction, and row level security limits every statement in it to that tenant. Hibernate Reactive keeps
 * one connection per transaction, so nothing escapes the setting.
 *
 * <p>Transactions do not nest: Panache would join the one already open and {@code set_config} would switch its
 * tenant for the rest of it, so opening one inside another fails at once with {@link IllegalStateException}.
 * Work that needs two tenants (or a tenant and none) runs its transactions one after the other.
 */
@ApplicationScoped
public class TenantTransactions {

    /**
     * Scope of platform-level requests (platform admins, no tenant in the token) for tenant tables that
     * record per-caller plumbing such as idempotency keys. No agency ever has this id.
     */
    public static final UUID PLATFORM_SCOPE = new UUID(0L, 0L);

    private static final String DEFAULT_PERSISTENCE_UNIT = "<default>";

    private final CurrentTenant currentTenant;

    public TenantTransactions(CurrentTenant currentTenant) {
        this.currentTenant = currentTenant;
    }

    /** Runs {@code work} in a transaction that sees and writes only {@code tenantId}'s rows. */
    public <T> Uni<T> inTenant(UUID tenantId, Supplier<Uni<T>> work) {
        if (tenantId == null) {
            throw new IllegalArgumentException("tenantId is required; use withoutTenant for global tables");
        }
        return begin(tenantId.toString(), work);
    }

    /** Runs {@code work} in a transaction for the tenant of the caller's token (403 if it names none). */
    public <T> Uni<T> inCurrentTenant(Supplier<Uni<T>> work) {
        return Uni.createFrom().deferred(() -> inTenant(currentTenant.require(), work));
    }

    /**
     * Runs {@code work} in a transaction with no tenant set: tenant tables then show and accept nothing; only
     * global and infrastructure tables and job-discovery functions are reachable.
     */
    public <T> Uni<T> withoutTenant(Supplier<Uni<T>> work) {
        return begin("", work);
    }

    private static <T> Uni<T> begin(String tenantId, Supplier<Uni<T>> work) {
        return Uni.createFrom().deferred(() -> {
            Mutiny.Session open = SessionOperations.getCurrentSession(DEFAULT_PERSISTENCE_UNIT);
            if (open != null && open.currentTransaction() != null) {
                return Uni.createFrom()
                        .failure(
                                new IllegalStateException(
                                        "A tenant transaction cannot be nested in another: it would switch the open one's tenant"));
            }
            return Panache.withTransaction(() -> setTenant(tenantId).chain(ignored -> work.get()));
        });
    }

    /**
     * Through {@code executeUpdate}: Hibernate caches the plan of a native statement run that way by its SQL, while
     * every native select adds a plan of its own (they never compare equal), which fills the plan cache and makes
     * every later native select scan it. The select returns one row either way.
     */
    private static Uni<Integer> setTenant(String tenantId) {
        if (!tenantId.isEmpty()) {
            MDC.put(CurrentTenant.MDC_TENANT_ID, tenantId);
        }
        return Panache.getSession()
                .chain(session -> session.createNativeQuery("select set_config('app.tenant_id', :tenant, true)")
                        .setParameter("tenant", tenantId)
                        .executeUpdate());
    }
}
