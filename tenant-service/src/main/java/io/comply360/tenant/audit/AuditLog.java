package io.comply360.tenant.audit;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.comply360.platform.data.TenantTransactions;
import io.comply360.platform.web.Page;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/**
 * The audit trail of a tenant: every admin action, by platform admins and by the tenant's own admins. Entries
 * are written inside the transaction of the change they record (so no change goes unrecorded) and read by the
 * tenant's admins.
 */
@ApplicationScoped
public class AuditLog implements PanacheRepositoryBase<AuditEntry, UUID> {

    /** An entry as the tenant admin reads it. */
    @io.quarkus.runtime.annotations.RegisterForReflection
    public record View(UUID id, Instant at, String actor, String actorRole, String action, String target,
            Map<String, Object> detail) {
    }

    private final TenantTransactions tx;
    private final ObjectMapper json;

    public AuditLog(TenantTransactions tx, ObjectMapper json) {
        this.tx = tx;
        this.json = json;
    }

    /** Records an action; call it inside the tenant's transaction that makes the change. */
    public Uni<AuditEntry> record(UUID tenantId, String actor, String actorRole, String action, String target,
            Map<String, ?> detail) {
        AuditEntry entry = new AuditEntry();
        entry.id = UUID.randomUUID();
        entry.tenantId = tenantId;
        entry.at = Instant.now();
        entry.actor = actor == null ? "system" : actor;
        entry.actorRole = actorRole;
        entry.action = action;
        entry.target = target;
        try {
            entry.detail = json.writeValueAsString(detail);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
        return persist(entry);
    }

    /** Newest first. */
    public Uni<Page<View>> page(UUID tenantId, int limit, int offset) {
        return tx.inTenant(tenantId, () -> count().chain(total -> findAll(Sort.by("at").descending().and("id"))
                .range(offset, offset + limit - 1).list().map(entries -> new Page<>(entries.stream().map(this::view).toList(),
                        total, limit, offset))));
    }

    @SuppressWarnings("unchecked")
    private View view(AuditEntry entry) {
        try {
            return new View(entry.id, entry.at, entry.actor, entry.actorRole, entry.action, entry.target,
                    json.readValue(entry.detail, Map.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
