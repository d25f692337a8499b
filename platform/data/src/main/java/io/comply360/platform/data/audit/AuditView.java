package io.comply360.platform.data.audit;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** An entry as a tenant's admins read it. */
@RegisterForReflection // sent inside a Page through an untyped Response
public record AuditView(
        UUID id, Instant at, String actor, String actorRole, String action, String target, Map<String, Object> detail) {

    static AuditView of(AuditEntry entry) {
        return new AuditView(
                entry.id, entry.at, entry.actor, entry.actorRole, entry.action, entry.target, entry.detail);
    }
}
