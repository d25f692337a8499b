package io.comply360.tenant.settings;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.comply360.platform.web.Page;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/**
 * Every saved version of the transaction's tenant's settings (row level security); written in the transaction that
 * saves them, never changed.
 */
@ApplicationScoped
public class SettingsHistoryRepository implements PanacheRepositoryBase<SettingsChange, UUID> {

    public Uni<SettingsChange> record(UUID tenantId, String by, List<String> changed, SettingsView saved) {
        SettingsChange change = new SettingsChange();
        change.id = UUID.randomUUID();
        change.tenantId = tenantId;
        change.version = saved.version();
        change.changedAt = Instant.now();
        change.changedBy = by;
        change.changedFields = changed.toArray(String[]::new);
        change.snapshot = saved.withoutLogo();
        return persist(change);
    }

    /** Newest first. */
    public Uni<Page<SettingsHistoryView>> page(int limit, int offset) {
        return count().chain(total -> findAll(Sort.by("version").descending())
                .range(offset, offset + limit - 1)
                .list()
                .map(changes ->
                        new Page<>(changes.stream().map(SettingsHistoryView::of).toList(), total, limit, offset)));
    }
}
