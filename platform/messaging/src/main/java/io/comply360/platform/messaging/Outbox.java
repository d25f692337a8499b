package io.comply360.platform.messaging;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.comply360.platform.broker.CloudEvent;
import io.comply360.platform.broker.EventContract;
import io.comply360.platform.broker.EventType;
import io.comply360.platform.web.RequestIds;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Publishing an event = writing it to the outbox in the caller's transaction, beside the state change it
 * announces: both commit or neither does. The relay sends it after commit.
 */
@ApplicationScoped
public class Outbox {

    private final ObjectMapper json;
    private final String source;

    public Outbox(
            ObjectMapper json,
            @ConfigProperty(name = "quarkus.application.name", defaultValue = "comply360") String serviceName) {
        this.json = json;
        this.source = "/comply360/" + serviceName;
    }

    /**
     * Adds an event to the current transaction. Call inside {@code TenantTransactions}.
     *
     * @param tenantId the tenant the event is about ({@code null} for platform-wide events)
     * @param subject what the event is about, usually the id of the resource
     * @param data ids and non-sensitive fields only; personal data is fetched through /internal when needed
     * @return the event as written
     */
    public <T extends Record> Uni<CloudEvent> publish(
            EventContract<T> contract, UUID tenantId, String subject, T data) {
        return publish(contract.type(), tenantId, subject, data);
    }

    /** {@link #publish(EventContract, UUID, String, Record)} for an event without a payload record (platform tests). */
    public Uni<CloudEvent> publish(EventType type, UUID tenantId, String subject, Object data) {
        String correlationId = RequestIds.current();
        CloudEvent event = new CloudEvent(
                CloudEvent.SPEC_VERSION,
                UUID.randomUUID().toString(),
                type.type(),
                source,
                Instant.now().toString(),
                subject,
                type.dataschema(),
                "application/json",
                tenantId == null ? null : tenantId.toString(),
                correlationId == null ? UUID.randomUUID().toString() : correlationId,
                json.valueToTree(data));
        String payload;
        try {
            payload = json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(new IllegalStateException("Cannot serialise event " + type.type(), e));
        }
        return Panache.getSession()
                .chain(session -> session.createNativeQuery("""
                insert into outbox (id, tenant_id, exchange, routing_key, payload)
                values (:id, :tenant, :exchange, :key, cast(cast(:payload as text) as jsonb))
                """)
                        .setParameter("id", UUID.fromString(event.id()))
                        .setParameter("tenant", tenantId)
                        .setParameter("exchange", type.exchange())
                        .setParameter("key", type.type())
                        .setParameter("payload", payload)
                        .executeUpdate())
                .replaceWith(event);
    }
}
