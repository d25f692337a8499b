package io.comply360.platform.messaging.internal;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import io.comply360.platform.broker.CloudEvent;
import io.comply360.platform.broker.EventHandler;
import io.comply360.platform.broker.EventType;
import io.comply360.platform.broker.PermanentEventException;
import io.comply360.platform.broker.QueueSpec;
import io.comply360.platform.broker.Topology;
import io.comply360.platform.data.TenantTransactions;
import io.smallrye.mutiny.Uni;

/**
 * A non-transactional test consumer: it opens its own transaction, for the tenant named by the event's
 * {@code data.owner} (not the event's tenant), and records its effect there like {@link WidgetHandler}.
 * {@code failTimes} fails that many attempts, {@code permanent} fails for good.
 */
@ApplicationScoped
public class SelfManagedHandler implements EventHandler {

    static final QueueSpec QUEUE =
            new QueueSpec("platform-test.self-managed", Topology.TENANT_EVENTS, List.of("self.#"));
    static final EventType SELF_MANAGED = new EventType(Topology.TENANT_EVENTS, "self.managed", 1);

    private final TenantTransactions tx;
    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

    public SelfManagedHandler(TenantTransactions tx) {
        this.tx = tx;
    }

    @Produces
    QueueSpec queueSpec() {
        return QUEUE;
    }

    @Override
    public String queue() {
        return QUEUE.name();
    }

    @Override
    public boolean transactional() {
        return false;
    }

    @Override
    public Uni<Void> handle(CloudEvent event) {
        String name = event.data().path("name").asText();
        int attempt = attempts.computeIfAbsent(name, n -> new AtomicInteger()).incrementAndGet();
        if (event.data().path("permanent").asBoolean()) {
            throw new PermanentEventException("self-managed " + name + " can never be done");
        }
        if (attempt <= event.data().path("failTimes").asInt(0)) {
            throw new IllegalStateException("transient failure of " + name);
        }
        UUID owner = UUID.fromString(event.data().path("owner").asText());
        return tx.inTenant(owner, () -> WidgetHandler.record(event, owner));
    }

    int attempts(String name) {
        AtomicInteger count = attempts.get(name);
        return count == null ? 0 : count.get();
    }
}
