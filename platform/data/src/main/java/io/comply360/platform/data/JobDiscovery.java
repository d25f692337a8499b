package io.comply360.platform.data;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Cross-tenant work without BYPASSRLS. A discovery function ({@code SECURITY DEFINER}, owned by the NOLOGIN
 * jobs role, see {@code comply360_job_discovery}) returns the {@code (tenant_id, id)} of due rows across
 * tenants; each item is then handled in its own tenant transaction, where the handler locks its row with
 * {@code FOR UPDATE SKIP LOCKED} and re-checks that it is still due. One failing item does not stop the rest.
 */
@ApplicationScoped
public class JobDiscovery {

    private static final Pattern FUNCTION_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private final TenantTransactions transactions;
    private final Pool pool;

    public JobDiscovery(TenantTransactions transactions, Pool pool) {
        this.transactions = transactions;
        this.pool = pool;
    }

    /**
     * The due items the discovery function {@code function(limit)} reports. Asked through the SQL client, not a
     * Hibernate session: it runs again and again, and each native select through Hibernate adds a query plan of
     * its own. No tenant is set on the connection, so tenant tables show nothing to anything but the function.
     */
    public Uni<List<TenantItem>> due(String function, int limit) {
        if (!FUNCTION_NAME.matcher(function).matches()) {
            throw new IllegalArgumentException("Not a discovery function name: " + function);
        }
        return pool.preparedQuery("select tenant_id, id from " + function + "($1)")
                .execute(Tuple.of(limit))
                .map(rows -> {
                    List<TenantItem> items = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        items.add(new TenantItem(row.getUUID(0), row.getUUID(1)));
                    }
                    return items;
                });
    }

    /**
     * Finds due items and handles each, one after the other, in a transaction of its own tenant.
     *
     * @return how many items the handler completed
     */
    public Uni<Integer> processDue(String function, int limit, BiFunction<UUID, UUID, Uni<Boolean>> handler) {
        return due(function, limit)
                .chain(items -> Multi.createFrom()
                        .iterable(items)
                        .onItem()
                        .transformToUniAndConcatenate(item -> transactions
                                .inTenant(item.tenantId(), () -> handler.apply(item.tenantId(), item.id()))
                                .onFailure()
                                .recoverWithItem(failure -> {
                                    Log.errorf(
                                            failure,
                                            "Job item %s of tenant %s failed; it stays due",
                                            item.id(),
                                            item.tenantId());
                                    return false;
                                }))
                        .filter(Boolean::booleanValue)
                        .collect()
                        .asList()
                        .map(List::size));
    }
}
