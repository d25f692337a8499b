package io.comply360.platform.messaging.internal;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;

import io.comply360.platform.broker.CloudEvent;
import io.comply360.platform.broker.EventType;
import io.comply360.platform.broker.internal.TopologyApplier;
import io.comply360.platform.data.TenantTransactions;
import io.comply360.platform.messaging.Outbox;
import io.comply360.platform.testkit.PrivateRabbitMq;
import io.comply360.platform.testkit.PrivateRabbitMqApi;
import io.comply360.platform.testkit.TestTokens;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;

/**
 * What the messaging tests do over and over: write events through the outbox, count a test consumer's effects,
 * look into the private node's queues and the DLQ tool.
 */
@ApplicationScoped
public class TestEvents {

    static final ObjectMapper JSON = new ObjectMapper();

    private final TenantTransactions tx;
    private final Outbox outbox;

    public TestEvents(TenantTransactions tx, Outbox outbox) {
        this.tx = tx;
        this.outbox = outbox;
    }

    static <T> T run(Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (Throwable e) {
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    /** Writes an event of {@code tenant} through the outbox, in a transaction of its own. */
    CloudEvent publish(UUID tenant, EventType type, Map<String, Object> data) {
        return run(() -> tx.inTenant(tenant, () -> outbox.publish(type, tenant, "widget", data)));
    }

    /** Writes {@code events} of {@code tenant} through the outbox in one transaction, in this order. */
    List<CloudEvent> publishTogether(UUID tenant, List<Map.Entry<EventType, Map<String, Object>>> events) {
        return run(() -> tx.inTenant(tenant, () -> {
            Uni<List<CloudEvent>> written = Uni.createFrom().item(new ArrayList<>());
            for (Map.Entry<EventType, Map<String, Object>> event : events) {
                written = written.call(list -> outbox.publish(event.getKey(), tenant, "widget", event.getValue())
                        .invoke(list::add));
            }
            return written;
        }));
    }

    /** How many effects a test consumer left for events named {@code name}. */
    long effects(UUID tenant, String name) {
        return run(() -> tx.inTenant(
                tenant,
                () -> Panache.getSession()
                        .chain(session -> session.createNativeQuery(
                                        "select count(*) from received_events where name = :name", Long.class)
                                .setParameter("name", name)
                                .getSingleResult())));
    }

    /** How often each event name of {@code tenant} took effect. */
    Map<String, Long> effectsByName(UUID tenant) {
        List<Object[]> rows = run(() -> tx.inTenant(
                tenant,
                () -> Panache.getSession()
                        .chain(session -> session.createNativeQuery(
                                        "select name, count(*) from received_events group by name", Object[].class)
                                .getResultList())));
        Map<String, Long> effects = new HashMap<>();
        rows.forEach(row -> effects.put((String) row[0], ((Number) row[1]).longValue()));
        return effects;
    }

    /** Outbox rows of {@code tenant} not sent yet. */
    long unsentCount(UUID tenant) {
        return run(() -> tx.withoutTenant(() -> Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "select count(*) from outbox where tenant_id = :tenant and sent_at is null", Long.class)
                        .setParameter("tenant", tenant)
                        .getSingleResult())));
    }

    Object outboxColumn(String eventId, String column) {
        List<Object> values = run(() -> tx.withoutTenant(() -> Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "select " + column + " from outbox where id = :id", Object.class)
                        .setParameter("id", UUID.fromString(eventId))
                        .getResultList())));
        return values.isEmpty() ? null : values.get(0);
    }

    /** Deletes the unsent outbox rows for {@code exchange}, so a failed test leaves no row another run would meet. */
    void discardUnsent(String exchange) {
        run(() -> tx.withoutTenant(() -> Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "delete from outbox where exchange = :exchange and sent_at is null")
                        .setParameter("exchange", exchange)
                        .executeUpdate())));
    }

    /** Whether {@code consumer} recorded the event {@code eventId} in the inbox. */
    boolean inInbox(String consumer, String eventId) {
        return run(() -> tx.withoutTenant(() -> Panache.getSession()
                        .chain(session -> session.createNativeQuery(
                                        "select count(*) from inbox where consumer = :consumer and event_id = :event",
                                        Long.class)
                                .setParameter("consumer", consumer)
                                .setParameter("event", eventId)
                                .getSingleResult())))
                > 0;
    }

    /** The policy in force on {@code queue} of the private node ("" for none). */
    static String policyOf(String queue) throws Exception {
        for (JsonNode q : PrivateRabbitMqApi.GUEST.get("/api/queues/%2F?disable_stats=true&columns=name,policy")) {
            if (queue.equals(q.path("name").asText())) {
                return q.path("policy").asText();
            }
        }
        return null;
    }

    /**
     * Publishes filler messages straight to {@code queue} until the broker refuses one (a nack): a quorum queue
     * over its {@code max-length} with {@code overflow: reject-publish} rejects publishes only once it is over it.
     */
    static void fillUntilRefused(String queue) throws Exception {
        try (Connection amqp = amqp();
                Channel channel = amqp.createChannel()) {
            channel.confirmSelect();
            for (int i = 0; i < 10; i++) {
                channel.basicPublish("", queue, null, "filler".getBytes(StandardCharsets.UTF_8));
                if (!channel.waitForConfirms(5000)) {
                    return;
                }
            }
        }
        throw new IllegalStateException(
                queue + " took 10 fillers without refusing one: is its max-length policy in force?");
    }

    /** Deletes {@code queue} and declares it again, bound to {@code exchange} with {@code routingKey}. */
    static void recreate(String queue, String exchange, String routingKey) throws Exception {
        try (Connection amqp = amqp();
                Channel channel = amqp.createChannel()) {
            channel.queueDelete(queue);
            channel.queueDeclare(queue, true, false, false, TopologyApplier.QUEUE_ARGUMENTS);
            channel.queueBind(queue, exchange, routingKey);
        }
    }

    /** A fresh connection to the private node (a shared one could be mid-recovery after a restart). */
    static Connection amqp() throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setPort(PrivateRabbitMq.amqpPort());
        return factory.newConnection("messaging-test");
    }

    /** A well-formed event of {@code tenant} named {@code name}, as a producer would send it. */
    static CloudEvent event(UUID tenant, String type, Map<String, Object> data) {
        return new CloudEvent(
                "1.0",
                UUID.randomUUID().toString(),
                type,
                "/comply360/test",
                "2026-12-04T10:00:00Z",
                "widget",
                type + "/v1",
                "application/json",
                tenant.toString(),
                UUID.randomUUID().toString(),
                JSON.valueToTree(data));
    }

    /** Publishes {@code events} straight to {@code exchange} (with confirms), bypassing the service. */
    static void send(String exchange, String routingKey, List<CloudEvent> events) throws Exception {
        try (Connection amqp = amqp();
                Channel channel = amqp.createChannel()) {
            channel.confirmSelect();
            for (CloudEvent event : events) {
                channel.basicPublish(
                        exchange,
                        routingKey,
                        new AMQP.BasicProperties.Builder()
                                .messageId(event.id())
                                .type(event.type())
                                .deliveryMode(2)
                                .build(),
                        JSON.writeValueAsBytes(event));
            }
            channel.waitForConfirmsOrDie(5000);
        }
    }

    /** How many copies of the message {@code messageId} wait in {@code queue}; all stay in place. */
    static int copies(String queue, String messageId) throws Exception {
        int copies = 0;
        try (Connection amqp = amqp();
                Channel channel = amqp.createChannel()) {
            long depth = channel.messageCount(queue);
            for (long i = 0; i < depth; i++) {
                GetResponse message = channel.basicGet(queue, false);
                if (message != null && messageId.equals(message.getProps().getMessageId())) {
                    copies++;
                }
            }
        }
        return copies;
    }

    static String admin() {
        return TestTokens.token("platform_admin", null);
    }

    /** The dead letter with {@code messageId} as the DLQ tool lists it, or null. */
    static JsonNode deadLetter(String queue, String messageId) {
        var response = given().auth().oauth2(admin()).queryParam("limit", 500).get("/internal/dead-letters/" + queue);
        assertThat(response.statusCode()).isEqualTo(200);
        try {
            for (JsonNode letter : JSON.readTree(response.asString())) {
                if (messageId.equals(letter.path("messageId").asText())) {
                    return letter;
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return null;
    }
}
