package io.comply360.platform.messaging;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;

import io.comply360.platform.error.ProblemException;
import io.comply360.platform.messaging.Topology.QueueSpec;

/**
 * Operator tools for a queue's DLQ: list what is there and why, replay one message or all (republished with
 * confirms to the exchange and routing key it was first published to, without {@code x-death} and retry
 * headers, so it gets a full set of attempts again), purge. Blocking: call through {@code BlockingCalls}.
 */
@ApplicationScoped
public class DeadLetters {

    private static final long CONFIRM_TIMEOUT_MS = 10_000;

    private final Broker broker;
    private final ObjectMapper json;

    public DeadLetters(Broker broker, ObjectMapper json) {
        this.broker = broker;
        this.json = json;
    }

    /** One dead letter: the event, why it failed, after how many attempts, where it came from. */
    public record DeadLetter(String messageId, String type, String error, int attempts, String deadLetteredAt,
            String originalExchange, String originalRoutingKey, JsonNode event) {
    }

    /** The first {@code limit} dead letters of {@code queue}, left in place. */
    public List<DeadLetter> list(String queue, int limit) throws IOException, TimeoutException {
        QueueSpec spec = known(queue);
        List<DeadLetter> letters = new ArrayList<>();
        // Fetched without acknowledgement; closing the channel puts them all back in order.
        try (Channel channel = broker.confirmChannel()) {
            for (int i = 0; i < limit; i++) {
                GetResponse message = channel.basicGet(spec.dlq(), false);
                if (message == null) {
                    break;
                }
                letters.add(describe(message));
            }
        }
        return letters;
    }

    /** Replays the dead letter with {@code messageId}, or every one when it is null; returns how many. */
    public int replay(String queue, String messageId) throws IOException, TimeoutException, InterruptedException {
        QueueSpec spec = known(queue);
        int replayed = 0;
        try (Channel channel = broker.confirmChannel()) {
            long depth = channel.messageCount(spec.dlq());
            for (long i = 0; i < depth; i++) {
                GetResponse message = channel.basicGet(spec.dlq(), false);
                if (message == null) {
                    break;
                }
                AMQP.BasicProperties properties = message.getProps();
                if (messageId != null && !messageId.equals(properties.getMessageId())) {
                    continue;
                }
                Map<String, Object> headers = new HashMap<>();
                Object tenant = header(properties, Headers.TENANT_ID);
                if (tenant != null) {
                    headers.put(Headers.TENANT_ID, tenant.toString());
                }
                channel.basicPublish(text(header(properties, Headers.ORIGINAL_EXCHANGE), spec.exchange()),
                        text(header(properties, Headers.ORIGINAL_ROUTING_KEY), properties.getType()),
                        EventConsumers.copyOf(properties, headers), message.getBody());
                channel.waitForConfirmsOrDie(CONFIRM_TIMEOUT_MS);
                channel.basicAck(message.getEnvelope().getDeliveryTag(), false);
                replayed++;
            }
        }
        return replayed;
    }

    /** Deletes every dead letter of {@code queue}; returns how many. */
    public int purge(String queue) throws IOException, TimeoutException {
        QueueSpec spec = known(queue);
        try (Channel channel = broker.confirmChannel()) {
            return channel.queuePurge(spec.dlq()).getMessageCount();
        }
    }

    private QueueSpec known(String queue) {
        return broker.queues().stream().filter(q -> q.name().equals(queue)).findFirst()
                .orElseThrow(() -> ProblemException.notFound("Queue " + queue));
    }

    private DeadLetter describe(GetResponse message) {
        AMQP.BasicProperties properties = message.getProps();
        JsonNode event;
        try {
            event = json.readTree(message.getBody());
        } catch (IOException e) {
            event = json.getNodeFactory().textNode(new String(message.getBody(), StandardCharsets.UTF_8));
        }
        Object attempts = header(properties, Headers.ATTEMPT);
        return new DeadLetter(properties.getMessageId(), properties.getType(), text(header(properties, Headers.ERROR), null),
                attempts instanceof Number n ? n.intValue() : 1, text(header(properties, Headers.DEAD_LETTERED_AT), null),
                text(header(properties, Headers.ORIGINAL_EXCHANGE), null),
                text(header(properties, Headers.ORIGINAL_ROUTING_KEY), null), event);
    }

    private static Object header(AMQP.BasicProperties properties, String name) {
        return properties.getHeaders() == null ? null : properties.getHeaders().get(name);
    }

    private static String text(Object value, String fallback) {
        return value == null ? fallback : value.toString();
    }
}
