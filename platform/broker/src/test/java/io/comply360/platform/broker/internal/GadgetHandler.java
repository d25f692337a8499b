package io.comply360.platform.broker.internal;

import java.util.List;
import java.util.Map;
import java.util.Set;
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
import io.smallrye.mutiny.Uni;

/**
 * A non-transactional consumer in an application without a database, as the gateway has: its effect is kept in
 * memory. {@code failTimes} in the event's data fails that many attempts; {@code permanent} fails for good until
 * {@link #cure} of its name.
 */
@ApplicationScoped
public class GadgetHandler implements EventHandler {

    static final QueueSpec QUEUE = new QueueSpec("broker-test.gadgets", Topology.TENANT_EVENTS, List.of("gadget.#"));
    static final EventType GADGET_BUILT = new EventType(Topology.TENANT_EVENTS, "gadget.built", 1);

    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> effects = new ConcurrentHashMap<>();
    private final Set<String> cured = ConcurrentHashMap.newKeySet();

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
        if (event.data().path("permanent").asBoolean() && !cured.contains(name)) {
            throw new PermanentEventException("gadget " + name + " can never be built");
        }
        if (attempt <= event.data().path("failTimes").asInt(0)) {
            return Uni.createFrom().failure(new IllegalStateException("transient failure of " + name));
        }
        effects.computeIfAbsent(name, n -> new AtomicInteger()).incrementAndGet();
        return Uni.createFrom().voidItem();
    }

    int attempts(String name) {
        AtomicInteger count = attempts.get(name);
        return count == null ? 0 : count.get();
    }

    int effects(String name) {
        AtomicInteger count = effects.get(name);
        return count == null ? 0 : count.get();
    }

    void cure(String name) {
        cured.add(name);
    }
}
