package io.comply360.platform.messaging.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;

import io.comply360.platform.broker.CloudEvent;
import io.comply360.platform.broker.EventType;
import io.comply360.platform.broker.internal.Broker;
import io.comply360.platform.broker.internal.BrokerConfig;
import io.comply360.platform.broker.internal.BrokerMetrics;
import io.comply360.platform.broker.internal.EventConsumers;
import io.comply360.platform.data.TenantTransactions;
import io.comply360.platform.messaging.Outbox;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;

/**
 * What the messaging tests share: one application with the messaging mechanism on a private RabbitMQ node (so the
 * broker can be stopped) and the real PostgreSQL (outbox → relay → exchange → queue → consumer with inbox,
 * retries, DLQ and replay), the beans they observe and their helpers. The test classes by mechanism extend it and
 * share the application and the node ({@link OwnBrokerNode}).
 */
abstract class MessagingCase {

    static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    TenantTransactions tx;

    @Inject
    Outbox outbox;

    @Inject
    TestEvents events;

    @Inject
    WidgetHandler handler;

    @Inject
    Broker broker;

    @Inject
    MeterRegistry metrics;

    @Inject
    BrokerMetrics brokerMetrics;

    @Inject
    EventConsumers consumers;

    @Inject
    Retention retention;

    @Inject
    MessagingConfig config;

    @Inject
    BrokerConfig brokerConfig;

    final UUID tenant = UUID.randomUUID();

    static com.rabbitmq.client.Connection amqp() throws Exception {
        return TestEvents.amqp();
    }

    static <T> T run(Supplier<Uni<T>> work) {
        return TestEvents.run(work);
    }

    CloudEvent publish(EventType type, Map<String, Object> data) {
        return events.publish(tenant, type, data);
    }

    static String unique(String prefix) {
        return TestEvents.unique(prefix);
    }

    long effects(String name) {
        return events.effects(tenant, name);
    }

    Object outboxColumn(String eventId, String column) {
        return events.outboxColumn(eventId, column);
    }

    void awaitBroker() {
        await().atMost(Duration.ofSeconds(60)).until(broker::connected);
    }

    /** Looks through {@code queue} for the message with {@code messageId}, taking it if {@code take}; the rest go back. */
    static GetResponse find(String queue, String messageId, boolean take) throws Exception {
        try (com.rabbitmq.client.Connection amqp = amqp();
                Channel channel = amqp.createChannel()) {
            long depth = channel.messageCount(queue);
            for (long i = 0; i < depth; i++) {
                GetResponse message = channel.basicGet(queue, false);
                if (message != null && messageId.equals(message.getProps().getMessageId())) {
                    if (take) {
                        channel.basicAck(message.getEnvelope().getDeliveryTag(), false);
                    }
                    return message;
                }
            }
        }
        return null;
    }

    static String admin() {
        return TestEvents.admin();
    }

    static JsonNode deadLetter(String messageId) {
        return TestEvents.deadLetter(WidgetHandler.QUEUE.name(), messageId);
    }

    double topologyApplied() {
        return metrics.get("comply360.messaging.topology.applied").gauge().value();
    }

    double duplicates() {
        var counter = metrics.find("comply360.events.consumed")
                .tag("queue", "platform-test.widgets")
                .tag("outcome", "duplicate")
                .counter();
        return counter == null ? 0 : counter.count();
    }

    static void age(Connection db, String sql, Duration by, String id) throws SQLException {
        try (PreparedStatement st = db.prepareStatement(sql)) {
            st.setLong(1, by.toSeconds());
            st.setObject(2, id);
            assertThat(st.executeUpdate()).isEqualTo(1);
        }
    }

    static boolean exists(PreparedStatement query) throws SQLException {
        try (ResultSet rs = query.executeQuery()) {
            return rs.next();
        }
    }

    static boolean inInbox(Connection db, String eventId) throws SQLException {
        try (PreparedStatement st = db.prepareStatement("select 1 from inbox where consumer = ? and event_id = ?")) {
            st.setString(1, WidgetHandler.QUEUE.name());
            st.setString(2, eventId);
            return exists(st);
        }
    }
}
