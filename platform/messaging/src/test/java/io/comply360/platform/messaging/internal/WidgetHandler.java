package io.comply360.platform.messaging.internal;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import io.comply360.platform.broker.CloudEvent;
import io.comply360.platform.broker.EventHandler;
import io.comply360.platform.broker.EventType;
import io.comply360.platform.broker.PermanentEventException;
import io.comply360.platform.broker.QueueSpec;
import io.comply360.platform.broker.Topology;
import io.comply360.platform.concurrent.BlockingCalls;
import io.comply360.platform.testkit.PrivateRabbitMqApi;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * The test consumer. Its effect is a row in {@code received_events}; what it does is steered by the event's
 * data: {@code failTimes} fails that many attempts, {@code poison} fails (retried) and {@code permanent} fails
 * for good (straight to the DLQ) until {@link #cure} of its name, the fix deployed before a replay;
 * {@code dieOnce} loses the broker connection mid-effect once; {@code hangOnce} never completes its first attempt.
 */
@ApplicationScoped
public class WidgetHandler implements EventHandler {

    static final QueueSpec QUEUE = new QueueSpec("platform-test.widgets", Topology.TENANT_EVENTS, List.of("widget.#"));
    static final EventType WIDGET_CREATED = new EventType(Topology.TENANT_EVENTS, "widget.created", 1);
    static final EventType NOBODY_LISTENS = new EventType(Topology.TENANT_EVENTS, "nobody.listens", 1);
    /** Reaches this handler's queue and {@link #BYSTANDER} too. */
    static final EventType WIDGET_REPLAYED = new EventType(Topology.TENANT_EVENTS, "widget.replayed", 1);
    /** A second queue bound to {@link #WIDGET_REPLAYED}, which nothing consumes: it shows what it was sent. */
    static final QueueSpec BYSTANDER =
            new QueueSpec("platform-test.bystander", Topology.TENANT_EVENTS, List.of(WIDGET_REPLAYED.type()));

    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private final Map<String, List<Long>> attemptTimes = new ConcurrentHashMap<>();
    private final Set<String> cured = ConcurrentHashMap.newKeySet();
    private final List<String> died = new CopyOnWriteArrayList<>();
    private final Set<String> hung = ConcurrentHashMap.newKeySet();

    @Produces
    QueueSpec testQueue() {
        return QUEUE;
    }

    @Produces
    QueueSpec bystanderQueue() {
        return BYSTANDER;
    }

    /** Declared at startup like every queue, but consumed only once a test subscribes a {@link LateHandler}. */
    @Produces
    QueueSpec lateQueue() {
        return LateHandler.QUEUE;
    }

    @Produces
    QueueSpec earlyQueue() {
        return LateHandler.EARLY;
    }

    @Override
    public String queue() {
        return QUEUE.name();
    }

    @Override
    public Uni<Void> handle(CloudEvent event) {
        String name = event.data().path("name").asText();
        attempts.computeIfAbsent(name, n -> new AtomicInteger()).incrementAndGet();
        attemptTimes.computeIfAbsent(name, n -> new CopyOnWriteArrayList<>()).add(System.nanoTime());
        if (event.data().path("hangOnce").asBoolean() && hung.add(name)) {
            return Uni.createFrom().nothing();
        }
        if (event.data().path("permanent").asBoolean() && !cured.contains(name)) {
            throw new PermanentEventException("widget " + name + " can never be built");
        }
        if (event.data().path("poison").asBoolean() && !cured.contains(name)) {
            throw new IllegalStateException("widget " + name + " is poison");
        }
        if (attempts.get(name).get() <= event.data().path("failTimes").asInt(0)) {
            throw new IllegalStateException("transient failure of " + name);
        }
        Uni<Void> effect = record(event);
        if (event.data().path("dieOnce").asBoolean() && !died.contains(name)) {
            died.add(name);
            // The effect is written but not committed when the consumer's broker connection dies.
            return effect.call(() -> BlockingCalls.run(() -> {
                        PrivateRabbitMqApi.GUEST.closeAllConnections();
                        return null;
                    }))
                    .chain(() -> Uni.createFrom().failure(new IllegalStateException("consumer died")));
        }
        return effect;
    }

    /** The effect of a test consumer: one {@code received_events} row named after the event's {@code data.name}. */
    static Uni<Void> record(CloudEvent event) {
        return record(event, UUID.fromString(event.tenantid()));
    }

    /** The effect, as a row of {@code tenant}; call inside a transaction of that tenant. */
    static Uni<Void> record(CloudEvent event, UUID tenant) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "insert into received_events (id, tenant_id, event_id, name) values (:id, :tenant, :event, :name)")
                        .setParameter("id", UUID.randomUUID())
                        .setParameter("tenant", tenant)
                        .setParameter("event", event.id())
                        .setParameter("name", event.data().path("name").asText())
                        .executeUpdate())
                .replaceWithVoid();
    }

    int attempts(String name) {
        AtomicInteger count = attempts.get(name);
        return count == null ? 0 : count.get();
    }

    List<Long> attemptTimes(String name) {
        return attemptTimes.getOrDefault(name, List.of());
    }

    void cure(String name) {
        cured.add(name);
    }
}
