package io.comply360.tenant.settings;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.comply360.platform.data.TenantTransactions;
import io.comply360.platform.web.Page;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;

/** Every saved version of a tenant's settings; written in the transaction that saves them, never changed. */
@ApplicationScoped
public class SettingsHistory implements PanacheRepositoryBase<SettingsChange, UUID> {

    @RegisterForReflection
    public record View(long version, Instant changedAt, String changedBy, List<String> changedFields,
            Map<String, Object> settings) {
    }

    private final TenantTransactions tx;
    private final ObjectMapper json;

    public SettingsHistory(TenantTransactions tx, ObjectMapper json) {
        this.tx = tx;
        this.json = json;
    }

    public Uni<SettingsChange> record(UUID tenantId, long version, String by, List<String> changed, Object snapshot) {
        SettingsChange change = new SettingsChange();
        change.id = UUID.randomUUID();
        change.tenantId = tenantId;
        change.version = version;
        change.changedAt = Instant.now();
        change.changedBy = by;
        change.changedFields = changed.toArray(String[]::new);
        try {
            change.snapshot = json.writeValueAsString(snapshot);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
        return persist(change);
    }

    /** Newest first. */
    @SuppressWarnings("unchecked")
    public Uni<Page<View>> page(UUID tenantId, int limit, int offset) {
        return tx.inTenant(tenantId, () -> count().chain(total -> findAll(Sort.by("version").descending())
                .range(offset, offset + limit - 1).list().map(changes -> new Page<>(changes.stream().map(change -> {
                    try {
                        return new View(change.version, change.changedAt, change.changedBy, List.of(change.changedFields),
                                json.readValue(change.snapshot, Map.class));
                    } catch (JsonProcessingException e) {
                        throw new IllegalStateException(e);
                    }
                }).toList(), total, limit, offset))));
    }
}
