package io.comply360.platform.broker.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;

import io.comply360.platform.broker.QueueSpec;
import io.comply360.platform.broker.Topology;
import io.comply360.platform.broker.internal.ConfirmingPublisher.Outcome;
import io.comply360.platform.broker.internal.ConfirmingPublisher.Outgoing;
import io.comply360.platform.error.ProblemException;
import io.comply360.platform.error.ProblemType;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Operator tools for a queue's DLQ: list what is there and why, replay one message or all, purge. A replay goes
 * back to the queue it failed in and nowhere else: it is republished with confirms through
 * {@value Topology#RETRY_RETURN} with the queue's name as routing key (every work queue is bound there by its own
 * name), not to the event's exchange, whose other queues applied the event long ago. It keeps the headers naming
 * where the event was first published, and drops {@code x-death} and the attempt count, so it gets a full set of
 * attempts again. Everything runs on the publishing connection. Blocking: call through {@code BlockingCalls}.
 */
@ApplicationScoped
public class DeadLetters {

    private static final Duration CONFIRM_TIMEOUT = Duration.ofSeconds(10);
    public static final String HANDLER_FAILED = "handler_failed";

    private final Broker broker;
    private final ObjectMapper json;

    public DeadLetters(Broker broker, ObjectMapper json) {
        this.broker = broker;
        this.json = json;
    }

    /**
     * One dead letter: the event, why it is here, after how many attempts, where it came from. {@code reason} is
     * {@value #HANDLER_FAILED} when the application moved it (its handler failed every attempt, or permanently:
     * {@code error} says how), or the broker's reason when RabbitMQ did ({@code delivery_limit}).
     */
    @RegisterForReflection
    public record DeadLetter(
            String messageId,
            String type,
            String reason,
            String error,
            int attempts,
            String deadLetteredAt,
            String originalExchange,
            String originalRoutingKey,
            JsonNode event) {}

    /** The first {@code limit} dead letters of {@code queue}, left in place. */
    public List<DeadLetter> list(String queue, int limit) throws IOException, TimeoutException {
        QueueSpec spec = known(queue);
        List<DeadLetter> letters = new ArrayList<>();
        // Fetched without acknowledgement; closing the channel puts them all back in order.
        try (Channel channel = channel()) {
            for (int i = 0; i < limit; i++) {
                GetResponse message = channel.basicGet(spec.dlq(), false);
                if (message == null) {
                    break;
                }
                letters.add(describe(message, spec.name()));
            }
        }
        return letters;
    }

    /** Replays the dead letter with {@code messageId}, or every one when it is null; returns how many. */
    public int replay(String queue, String messageId) throws IOException, TimeoutException {
        QueueSpec spec = known(queue);
        int replayed = 0;
        try (Channel channel = channel();
                ConfirmingPublisher publisher = new ConfirmingPublisher(broker)) {
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
                Map<String, Object> headers =
                        EventConsumers.carriedHeaders(properties, spec.exchange(), properties.getType());
                Outcome outcome = publisher
                        .publish(
                                List.of(new Outgoing(
                                        Topology.RETRY_RETURN,
                                        spec.name(),
                                        EventConsumers.copyOf(properties, headers),
                                        message.getBody())),
                                CONFIRM_TIMEOUT)
                        .get(0);
                if (!outcome.confirmed()) {
                    // The dead letter stays where it is (unacknowledged, it goes back when the channel closes).
                    throw new ProblemException(
                            ProblemType.SERVICE_UNAVAILABLE,
                            "RabbitMQ did not take the replay of " + properties.getMessageId() + " (" + outcome.reason()
                                    + "); " + replayed + " replayed before it");
                }
                channel.basicAck(message.getEnvelope().getDeliveryTag(), false);
                replayed++;
            }
        }
        return replayed;
    }

    /** Deletes every dead letter of {@code queue}; returns how many. */
    public int purge(String queue) throws IOException, TimeoutException {
        QueueSpec spec = known(queue);
        try (Channel channel = channel()) {
            return channel.queuePurge(spec.dlq()).getMessageCount();
        }
    }

    private Channel channel() {
        String blocked = broker.publishingBlocked();
        if (blocked != null) {
            throw new ProblemException(ProblemType.SERVICE_UNAVAILABLE, "RabbitMQ blocks publishing: " + blocked);
        }
        try {
            return broker.confirmChannel();
        } catch (IOException e) {
            throw new ProblemException(ProblemType.SERVICE_UNAVAILABLE, "RabbitMQ is not reachable: " + e.getMessage());
        }
    }

    private QueueSpec known(String queue) {
        return broker.queues().stream()
                .filter(q -> q.name().equals(queue))
                .findFirst()
                .orElseThrow(() -> ProblemException.notFound("Queue " + queue));
    }

    private DeadLetter describe(GetResponse message, String queue) {
        AMQP.BasicProperties properties = message.getProps();
        JsonNode event;
        try {
            event = json.readTree(message.getBody());
        } catch (IOException e) {
            event = json.getNodeFactory().textNode(new String(message.getBody(), StandardCharsets.UTF_8));
        }
        Map<String, Object> brokerDeath = brokerDeath(properties, queue);
        if (brokerDeath != null) {
            Object at = brokerDeath.get("time");
            Object keys = brokerDeath.get("routing-keys");
            String firstKey = keys instanceof List<?> list && !list.isEmpty() ? String.valueOf(list.get(0)) : null;
            return new DeadLetter(
                    properties.getMessageId(),
                    properties.getType(),
                    String.valueOf(brokerDeath.get("reason")),
                    "RabbitMQ moved it here: it was handed back (its consumer died, lost its connection or could not "
                            + "move it on) more often than the queue's delivery limit allows",
                    EventConsumers.attemptOf(properties),
                    at instanceof Date date ? date.toInstant().toString() : null,
                    EventConsumers.headerText(
                            properties, Headers.ORIGINAL_EXCHANGE, String.valueOf(brokerDeath.get("exchange"))),
                    EventConsumers.headerText(properties, Headers.ORIGINAL_ROUTING_KEY, firstKey),
                    event);
        }
        return new DeadLetter(
                properties.getMessageId(),
                properties.getType(),
                HANDLER_FAILED,
                EventConsumers.headerText(properties, Headers.ERROR, null),
                EventConsumers.attemptOf(properties),
                EventConsumers.headerText(properties, Headers.DEAD_LETTERED_AT, null),
                EventConsumers.headerText(properties, Headers.ORIGINAL_EXCHANGE, null),
                EventConsumers.headerText(properties, Headers.ORIGINAL_ROUTING_KEY, null),
                event);
    }

    /**
     * The broker's record of dead-lettering the message out of {@code queue} itself (the newest {@code x-death}
     * entry, when it names that queue), or null when the application moved it here. Entries of other queues
     * (a retry queue's TTL expiring) say where it has been, not why it is here.
     */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> brokerDeath(AMQP.BasicProperties properties, String queue) {
        Object deaths =
                properties.getHeaders() == null ? null : properties.getHeaders().get("x-death");
        if (deaths instanceof List<?> list
                && !list.isEmpty()
                && list.get(0) instanceof Map<?, ?> newest
                && queue.equals(String.valueOf(newest.get("queue")))) {
            return (Map<String, Object>) newest;
        }
        return null;
    }
}
