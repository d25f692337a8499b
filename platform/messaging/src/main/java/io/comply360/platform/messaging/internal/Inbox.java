package io.comply360.platform.messaging.internal;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** The record of events a consumer has applied, written in the same transaction as the effect. */
@ApplicationScoped
public class Inbox {

    /** True if the event is new for this consumer (and now claimed); false for a duplicate. */
    public Uni<Boolean> claim(String consumer, String eventId, UUID tenantId) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery("""
                insert into inbox (consumer, event_id, tenant_id) values (:consumer, :event, :tenant)
                on conflict do nothing
                """)
                        .setParameter("consumer", consumer)
                        .setParameter("event", eventId)
                        .setParameter("tenant", tenantId)
                        .executeUpdate())
                .map(inserted -> inserted == 1);
    }
}
