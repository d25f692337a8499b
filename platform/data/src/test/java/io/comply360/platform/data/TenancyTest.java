package io.comply360.platform.data;

import static io.comply360.platform.data.Reactive.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.hibernate.reactive.mutiny.Mutiny;
import org.junit.jupiter.api.Test;

import io.comply360.platform.testkit.QueryPlans;
import io.comply360.platform.testkit.TestDatabase;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;

/** Row level security as the application role, proven on the platform's test schema. */
@QuarkusTest
class TenancyTest {

    @Inject
    TenantTransactions tx;

    @Inject
    JobDiscovery jobs;

    @Inject
    IdempotencyKeys keys;

    @Inject
    Mutiny.SessionFactory sessionFactory;

    private final UUID tenantA = UUID.randomUUID();
    private final UUID tenantB = UUID.randomUUID();

    static Uni<Integer> sql(String statement, Object... params) {
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(statement);
            for (int i = 0; i < params.length; i++) {
                query.setParameter(i + 1, params[i]);
            }
            return query.executeUpdate();
        });
    }

    static Uni<List<Object>> column(String statement, Object... params) {
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(statement, Object.class);
            for (int i = 0; i < params.length; i++) {
                query.setParameter(i + 1, params[i]);
            }
            return query.getResultList();
        });
    }

    private UUID widget(UUID tenant, String name, boolean due) {
        UUID id = UUID.randomUUID();
        await(() -> tx.inTenant(
                tenant,
                () -> sql(
                        "insert into widgets (id, tenant_id, name, due_at) values (?1, ?2, ?3, "
                                + (due ? "now() - interval '1 minute'" : "null") + ")",
                        id,
                        tenant,
                        name)));
        return id;
    }

    @Test
    void aTenantSeesAndChangesOnlyItsOwnRows() {
        UUID a = widget(tenantA, "a", false);
        UUID b = widget(tenantB, "b", false);

        List<Object> seenByA =
                await(() -> tx.inTenant(tenantA, () -> column("select id from widgets where id in (?1, ?2)", a, b)));
        assertThat(seenByA).containsExactly(a);

        int changedByA = await(() ->
                tx.inTenant(tenantA, () -> sql("update widgets set name = 'renamed' where id in (?1, ?2)", a, b)));
        int deletedByA = await(() -> tx.inTenant(tenantA, () -> sql("delete from widgets where id = ?1", b)));
        assertThat(changedByA).isEqualTo(1);
        assertThat(deletedByA).isZero();
        assertThat(await(() -> tx.inTenant(tenantB, () -> column("select name from widgets where id = ?1", b))))
                .containsExactly("b");
    }

    @Test
    void withoutATenantQueriesReturnNothingInsteadOfFailing() {
        UUID a = widget(tenantA, "a", false);
        assertThat(await(() -> tx.withoutTenant(() -> column("select id from widgets where id = ?1", a))))
                .isEmpty();
        assertThat(await(() -> tx.withoutTenant(() -> sql("update widgets set name = 'x' where id = ?1", a))))
                .isZero();
    }

    @Test
    void aRowCannotBeWrittenIntoAnotherTenant() {
        assertThatThrownBy(() -> await(() -> tx.inTenant(
                        tenantA,
                        () -> sql(
                                "insert into widgets (id, tenant_id, name) values (?1, ?2, 'intruder')",
                                UUID.randomUUID(),
                                tenantB))))
                .hasMessageContaining("row-level security");
        UUID a = widget(tenantA, "a", false);
        assertThatThrownBy(() -> await(() ->
                        tx.inTenant(tenantA, () -> sql("update widgets set tenant_id = ?1 where id = ?2", tenantB, a))))
                .hasMessageContaining("row-level security");
    }

    @Test
    void tenantIdDefaultsToTheTransactionsTenant() {
        UUID id = UUID.randomUUID();
        await(() -> tx.inTenant(tenantA, () -> sql("insert into widgets (id, name) values (?1, 'implicit')", id)));
        assertThat(await(() -> tx.inTenant(tenantA, () -> column("select tenant_id from widgets where id = ?1", id))))
                .containsExactly(tenantA);
    }

    @Test
    void aRowCannotReferenceAnotherTenantsRow() {
        UUID b = widget(tenantB, "b", false);
        assertThatThrownBy(() -> await(() -> tx.inTenant(
                        tenantA,
                        () -> sql(
                                "insert into widget_parts (id, tenant_id, widget_id) values (?1, ?2, ?3)",
                                UUID.randomUUID(),
                                tenantA,
                                b))))
                .hasMessageContaining("foreign key");
        UUID a = widget(tenantA, "a", false);
        assertThat(await(() -> tx.inTenant(
                        tenantA,
                        () -> sql(
                                "insert into widget_parts (id, tenant_id, widget_id) values (?1, ?2, ?3)",
                                UUID.randomUUID(),
                                tenantA,
                                a))))
                .isEqualTo(1);
    }

    @Test
    void jobDiscoveryFindsDueRowsAcrossTenantsAndHandlesEachInItsOwnTenant() throws Exception {
        UUID dueA = widget(tenantA, "due-a", true);
        UUID dueB = widget(tenantB, "due-b", true);
        UUID notDue = widget(tenantA, "later", false);

        List<TenantItem> due = await(() -> jobs.due("due_widgets", 10_000));
        assertThat(due)
                .contains(new TenantItem(tenantA, dueA), new TenantItem(tenantB, dueB))
                .noneMatch(item -> item.id().equals(notDue));

        int handled = await(() -> jobs.processDue(
                "due_widgets",
                10_000,
                (tenant, id) -> column(
                                "select id from widgets where id = ?1 and processed_at is null for update skip locked",
                                id)
                        .chain(locked -> locked.isEmpty()
                                ? Uni.createFrom().item(false)
                                : sql(
                                                "update widgets set processed_at = now(), "
                                                        + "processed_in = current_setting('app.tenant_id')::uuid where id = ?1",
                                                id)
                                        .map(updated -> updated == 1))));
        assertThat(handled).isGreaterThanOrEqualTo(2);

        assertThat(await(() ->
                        tx.inTenant(tenantA, () -> column("select processed_in from widgets where id = ?1", dueA))))
                .containsExactly(tenantA);
        assertThat(await(() ->
                        tx.inTenant(tenantB, () -> column("select processed_in from widgets where id = ?1", dueB))))
                .containsExactly(tenantB);
        assertThat(await(() -> jobs.due("due_widgets", 10_000)))
                .extracting(TenantItem::id)
                .doesNotContain(dueA, dueB);

        // The application role itself still cannot read across tenants.
        try (Connection app = TestDatabase.asApp();
                ResultSet rs = app.createStatement()
                        .executeQuery("select count(*) from widgets where id in ('" + dueA + "', '" + dueB + "')")) {
            rs.next();
            assertThat(rs.getInt(1)).isZero();
        }
    }

    @Test
    void discoveryFunctionNamesAreNotSqlInjection() {
        assertThatThrownBy(() -> jobs.due("due_widgets(1); drop table widgets; --", 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aTenantTransactionInsideAnotherFailsInsteadOfSwitchingItsTenant() {
        assertThatThrownBy(() -> await(() -> tx.inTenant(
                        tenantA,
                        () -> tx.inTenant(tenantB, () -> column("select current_setting('app.tenant_id', true)")))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("nested");
        assertThatThrownBy(() -> await(() -> tx.inTenant(
                        tenantA,
                        () -> tx.withoutTenant(() -> column("select current_setting('app.tenant_id', true)")))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("nested");
        // Nothing leaked: the next transaction starts clean, with its own tenant.
        assertThat(await(() -> tx.inTenant(tenantB, () -> column("select current_setting('app.tenant_id', true)"))))
                .containsExactly(tenantB.toString());
    }

    @Test
    void aThousandTransactionsAddNoQueryPlans() {
        // Each round: a create, its replay, a job discovery and a transaction without tenant (250 rounds).
        // A creating request, then its replay (which reads the stored answer back).
        Runnable typicalRequest = () -> {
            String key = "plan-" + UUID.randomUUID();
            for (int twice = 0; twice < 2; twice++) {
                await(() -> tx.inTenant(
                        tenantA,
                        () -> keys.once(
                                key,
                                "POST /widgets",
                                "user",
                                Map.of("name", "x"),
                                () -> Uni.createFrom()
                                        .item(new IdempotencyKeys.Created(
                                                201, URI.create("/widgets/1"), Map.of("n", 1))))));
            }
            await(() -> jobs.due("due_widgets", 1));
        };
        for (int i = 0; i < 10; i++) {
            typicalRequest.run();
            await(() -> tx.withoutTenant(() -> Uni.createFrom().voidItem()));
        }
        int warm = QueryPlans.cached(sessionFactory);
        for (int i = 0; i < 250; i++) {
            typicalRequest.run();
            await(() -> tx.withoutTenant(() -> Uni.createFrom().voidItem()));
        }
        assertThat(QueryPlans.cached(sessionFactory) - warm)
                .as("query plans added by 1000 more transactions")
                .isLessThanOrEqualTo(2);
    }
}
