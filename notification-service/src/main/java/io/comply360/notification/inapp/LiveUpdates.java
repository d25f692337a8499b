package io.comply360.notification.inapp;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;

/**
 * Live updates of people's inboxes across replicas. A change is announced with {@code pg_notify} in the transaction
 * that makes it, so PostgreSQL delivers it at commit, to every replica's listener and never for a rolled-back change;
 * each replica hands it to its own connected portals (SSE). After the listener's connection was lost and is back, every
 * portal is told to read its inbox anew (what was announced meanwhile is not replayed).
 */
@ApplicationScoped
public class LiveUpdates {

    static final String CHANNEL = "comply360_inbox";

    /** What a portal is told: a new notification (its id), read state changed, or read everything anew. */
    public record Signal(String kind, UUID notificationId) {}

    private final Vertx vertx;
    private final String url;
    private final String username;
    private final String password;
    private final Map<String, Set<Consumer<Signal>>> listeners = new ConcurrentHashMap<>();
    private volatile PgSubscriber subscriber;
    private volatile boolean stopping;

    public LiveUpdates(
            Vertx vertx,
            @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") String username,
            @ConfigProperty(name = "quarkus.datasource.password") String password) {
        this.vertx = vertx;
        this.url = url.startsWith("vertx-reactive:") ? url.substring("vertx-reactive:".length()) : url;
        this.username = username;
        this.password = password;
    }

    void start(@Observes StartupEvent ignored) {
        PgConnectOptions options =
                PgConnectOptions.fromUri(url).setUser(username).setPassword(password);
        PgSubscriber created = PgSubscriber.subscriber(vertx, options)
                // After a lost connection: again and again, every second (a replica must not stay deaf).
                .reconnectPolicy(retries -> stopping ? -1L : 1000L);
        created.channel(CHANNEL).handler(this::received).subscribeHandler(v -> resyncAll());
        subscriber = created;
        connect(0);
    }

    void stop(@Observes ShutdownEvent ignored) {
        stopping = true;
        PgSubscriber current = subscriber;
        if (current != null) {
            current.close();
        }
    }

    private void connect(int failures) {
        subscriber.connect().onFailure(failure -> {
            if (stopping) {
                return;
            }
            if (failures % 30 == 0) {
                Log.warnf(
                        "Live updates cannot listen on PostgreSQL yet (%s); trying every second", failure.getMessage());
            }
            vertx.setTimer(1000, id -> connect(failures + 1));
        });
    }

    /** Whether the listener is connected (readiness: without it, portals would wait for updates that never come). */
    public boolean listening() {
        PgSubscriber current = subscriber;
        return current != null && !current.closed() && current.actualConnection() != null;
    }

    /**
     * Announces a change of a person's inbox, in the caller's transaction (delivered at commit). {@code kind}:
     * {@code notification} (with its id) or {@code read}.
     */
    public Uni<Void> announce(UUID tenantId, String userId, String kind, UUID notificationId) {
        String payload = tenantId + "|" + kind + "|" + (notificationId == null ? "" : notificationId) + "|" + userId;
        return Panache.getSession()
                .chain(session -> session.createNativeQuery("select cast(pg_notify(:channel, :payload) as text)")
                        .setParameter("channel", CHANNEL)
                        .setParameter("payload", payload)
                        .getSingleResult())
                .replaceWithVoid();
    }

    /** Listens to one person's inbox until the returned handle is run. */
    public Runnable listen(UUID tenantId, String userId, Consumer<Signal> listener) {
        String key = key(tenantId, userId);
        listeners.computeIfAbsent(key, k -> new CopyOnWriteArraySet<>()).add(listener);
        return () -> listeners.computeIfPresent(key, (k, set) -> {
            set.remove(listener);
            return set.isEmpty() ? null : set;
        });
    }

    /** How many portals this replica serves (a gauge). */
    public int connected() {
        return listeners.values().stream().mapToInt(Set::size).sum();
    }

    private void received(String payload) {
        String[] parts = payload.split("\\|", 4);
        if (parts.length != 4) {
            return;
        }
        Set<Consumer<Signal>> targets = listeners.get(parts[0] + "|" + parts[3]);
        if (targets == null) {
            return;
        }
        Signal signal = new Signal(parts[1], parts[2].isEmpty() ? null : UUID.fromString(parts[2]));
        targets.forEach(listener -> listener.accept(signal));
    }

    private void resyncAll() {
        Signal resync = new Signal("resync", null);
        listeners.values().forEach(set -> set.forEach(listener -> listener.accept(resync)));
    }

    private static String key(UUID tenantId, String userId) {
        return tenantId + "|" + userId;
    }
}
