package io.comply360.platform.data.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.comply360.platform.data.TenantTransactions;
import io.comply360.platform.web.Page;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;

/** The audit trail records inside the caller's tenant transaction and shows each tenant only its own entries. */
@QuarkusTest
class AuditTrailTest {

    @Inject
    TenantTransactions tx;

    @Inject
    AuditTrail audit;

    private final UUID tenantA = UUID.randomUUID();
    private final UUID tenantB = UUID.randomUUID();

    @Test
    void tenantBNeverSeesTenantAsEntries() throws Throwable {
        VertxContextSupport.subscribeAndAwait(() -> tx.inTenant(
                tenantA,
                () -> audit.record(
                        tenantA,
                        "admin-a",
                        "tenant_admin",
                        "settings.replaced",
                        null,
                        Map.of("version", 2, "changed", List.of("timeZone")))));

        Page<AuditView> seenByA =
                VertxContextSupport.subscribeAndAwait(() -> tx.inTenant(tenantA, () -> audit.page(20, 0)));
        Page<AuditView> seenByB =
                VertxContextSupport.subscribeAndAwait(() -> tx.inTenant(tenantB, () -> audit.page(20, 0)));

        assertThat(seenByA.items()).singleElement().satisfies(entry -> {
            assertThat(entry.actor()).isEqualTo("admin-a");
            assertThat(entry.action()).isEqualTo("settings.replaced");
            assertThat(entry.detail()).containsEntry("version", 2).containsEntry("changed", List.of("timeZone"));
        });
        assertThat(seenByB.items()).isEmpty();
        assertThat(seenByB.total()).isZero();
    }

    @Test
    void anEntryOfAnotherTenantCannotBeWritten() throws Throwable {
        assertThatThrownBy(() -> VertxContextSupport.subscribeAndAwait(() -> tx.inTenant(
                        tenantB,
                        () -> audit.record(tenantA, "admin-b", "tenant_admin", "tenant.suspended", null, Map.of()))))
                .hasMessageContaining("row-level security");
        assertThat(VertxContextSupport.subscribeAndAwait(() -> tx.inTenant(tenantA, () -> audit.page(20, 0)))
                        .items())
                .isEmpty();
    }

    @Test
    void anEntryRollsBackWithTheChangeItRecords() throws Throwable {
        assertThatThrownBy(() -> VertxContextSupport.subscribeAndAwait(() -> tx.inTenant(
                        tenantA,
                        () -> audit.record(tenantA, null, "system", "tenant.provisioned", null, Map.of())
                                .chain(() -> Panache.getSession())
                                .invoke(() -> {
                                    throw new IllegalStateException("the change failed");
                                }))))
                .hasMessage("the change failed");
        assertThat(VertxContextSupport.subscribeAndAwait(() -> tx.inTenant(tenantA, () -> audit.page(20, 0)))
                        .total())
                .isZero();
    }

    @Test
    void aTargetsHistoryIsItsOwnEntriesOldestFirstAndNeverAnotherTenants() throws Throwable {
        for (String action : List.of("thing.created", "thing.changed", "thing.closed")) {
            VertxContextSupport.subscribeAndAwait(() ->
                    tx.inTenant(tenantA, () -> audit.record(tenantA, "agent-a", "agent", action, "thing:1", Map.of())));
        }
        VertxContextSupport.subscribeAndAwait(() -> tx.inTenant(
                tenantA, () -> audit.record(tenantA, "agent-a", "agent", "other.created", "thing:2", Map.of())));
        VertxContextSupport.subscribeAndAwait(() -> tx.inTenant(
                tenantB, () -> audit.record(tenantB, "agent-b", "agent", "thing.created", "thing:1", Map.of())));

        Page<AuditView> history =
                VertxContextSupport.subscribeAndAwait(() -> tx.inTenant(tenantA, () -> audit.history("thing:1", 2, 0)));
        assertThat(history.total()).isEqualTo(3);
        assertThat(history.items()).extracting(AuditView::action).containsExactly("thing.created", "thing.changed");
        assertThat(VertxContextSupport.subscribeAndAwait(
                                () -> tx.inTenant(tenantA, () -> audit.history("thing:1", 2, 2)))
                        .items())
                .extracting(AuditView::action)
                .containsExactly("thing.closed");
    }
}
