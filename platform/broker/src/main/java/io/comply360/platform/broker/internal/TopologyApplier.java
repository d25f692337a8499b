package io.comply360.platform.broker.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;

import io.comply360.platform.broker.QueueSpec;
import io.comply360.platform.broker.Topology;
import io.comply360.platform.broker.internal.ManagementClient.QueueInfo;

/**
 * Declares {@link Topology} on a broker, idempotently. Every queue is a quorum queue (replicated across the
 * cluster's nodes), declared with {@code x-queue-type: quorum} and nothing else, identically by every declarer,
 * so re-declaring never fails with PRECONDITION_FAILED; everything that may change (TTLs, dead-lettering,
 * delivery limits, alternate exchanges) is a policy. Policy patterns are disjoint: RabbitMQ applies only one
 * policy per object, so a work queue's one policy carries its delivery limit and its dead-lettering together.
 *
 * <p>A queue's type cannot change once declared. Before declaring anything the applier reads the vhost's queues
 * through the management API; a queue of ours that exists with another type (a classic queue from before quorum
 * queues) stops it with {@link WrongQueueTypeException}, naming the queues and the fix, unless it was asked to
 * recreate empty ones (dev/up does, for its own vhost): an empty queue of the wrong type is then deleted and
 * declared again, one holding messages never.
 */
public final class TopologyApplier {

    /** The declaration arguments of every queue. */
    public static final Map<String, Object> QUEUE_ARGUMENTS = Map.of("x-queue-type", "quorum");

    public static final String QUEUE_TYPE = "quorum";

    private TopologyApplier() {}

    /** A queue of ours exists with another type than {@value #QUEUE_TYPE}; re-declaring it would fail. */
    public static final class WrongQueueTypeException extends IllegalStateException {

        WrongQueueTypeException(String message) {
            super(message);
        }
    }

    /**
     * Applies the topology of {@code queues} with {@code config}'s retry steps, dead-letter lifetime and delivery
     * limit; with {@link BrokerConfig#recreateEmptyQueues()}, empty queues of the wrong type are deleted first.
     * Returns how many queues the topology has.
     */
    public static int apply(Channel channel, ManagementClient management, List<QueueSpec> queues, BrokerConfig config)
            throws IOException, InterruptedException {
        List<Duration> retryDelays = config.retryDelays();
        List<String> names = queueNames(queues, retryDelays);
        requireQuorum(channel, management.queues(), names, config.recreateEmptyQueues(), config.vhost());

        channel.exchangeDeclare(Topology.UNROUTED, BuiltinExchangeType.FANOUT, true);
        declare(channel, Topology.UNROUTED);
        channel.queueBind(Topology.UNROUTED, Topology.UNROUTED, "");
        for (String exchange : Topology.EXCHANGES) {
            channel.exchangeDeclare(exchange, BuiltinExchangeType.TOPIC, true);
        }
        channel.exchangeDeclare(Topology.RETRY_RETURN, BuiltinExchangeType.DIRECT, true);
        for (Duration delay : retryDelays) {
            channel.exchangeDeclare(Topology.retryExchange(delay), BuiltinExchangeType.DIRECT, true);
        }
        for (QueueSpec queue : queues) {
            declare(channel, queue.name());
            for (String key : queue.bindingKeys()) {
                channel.queueBind(queue.name(), queue.exchange(), key);
            }
            channel.queueBind(queue.name(), Topology.RETRY_RETURN, queue.name());
            for (Duration delay : retryDelays) {
                declare(channel, queue.retryQueue(delay));
                channel.queueBind(queue.retryQueue(delay), Topology.retryExchange(delay), queue.name());
            }
            declare(channel, queue.dlq());
        }

        String eventExchanges = Topology.EXCHANGES.stream()
                .map(e -> e.replace(".", "\\."))
                .collect(Collectors.joining("|", "^(", ")$"));
        management.putPolicy(
                "comply360-alternate-exchange",
                eventExchanges,
                "exchanges",
                10,
                Map.of("alternate-exchange", Topology.UNROUTED));
        for (QueueSpec queue : queues) {
            // The broker's poison guard: a message handed back (its consumer died or lost its channel) more than
            // delivery-limit times goes to the DLQ, with x-death reason delivery_limit. At-least-once
            // dead-lettering keeps it in this queue until the DLQ has confirmed it (it needs reject-publish).
            management.putPolicy(
                    "comply360-work-" + queue.name(),
                    "^" + literal(queue.name()) + "$",
                    "queues",
                    10,
                    atLeastOnce(Map.of(
                            "delivery-limit",
                            config.deliveryLimit(),
                            "dead-letter-exchange",
                            "",
                            "dead-letter-routing-key",
                            queue.dlq())));
        }
        for (Duration delay : retryDelays) {
            management.putPolicy(
                    "comply360-retry-" + Topology.label(delay),
                    "\\.retry\\." + Topology.label(delay) + "$",
                    "queues",
                    10,
                    atLeastOnce(
                            Map.of("message-ttl", delay.toMillis(), "dead-letter-exchange", Topology.RETRY_RETURN)));
        }
        management.putPolicy(
                "comply360-dead-letters",
                "(\\.dlq|^comply360\\.unrouted)$",
                "queues",
                10,
                Map.of("message-ttl", config.deadLetterTtl().toMillis()));
        return names.size();
    }

    /**
     * Every queue the topology of {@code queues} declares: the unrouted queue, and per work queue the queue, its
     * retry queues and its DLQ.
     */
    public static List<String> queueNames(List<QueueSpec> queues, List<Duration> retryDelays) {
        List<String> names = new ArrayList<>();
        names.add(Topology.UNROUTED);
        for (QueueSpec queue : queues) {
            names.add(queue.name());
            retryDelays.forEach(delay -> names.add(queue.retryQueue(delay)));
            names.add(queue.dlq());
        }
        return names;
    }

    /** {@code text} as a policy pattern (a regular expression) matching it literally. */
    static String literal(String text) {
        return text.replaceAll("[\\\\^$.|?*+()\\[\\]{}]", "\\\\$0");
    }

    private static Map<String, Object> atLeastOnce(Map<String, Object> definition) {
        Map<String, Object> all = new LinkedHashMap<>(definition);
        all.put("dead-letter-strategy", "at-least-once");
        all.put("overflow", "reject-publish");
        return all;
    }

    private static void declare(Channel channel, String queue) throws IOException {
        channel.queueDeclare(queue, true, false, false, QUEUE_ARGUMENTS);
    }

    private static void requireQuorum(
            Channel channel, Map<String, QueueInfo> existing, List<String> names, boolean recreateEmpty, String vhost)
            throws IOException {
        List<String> wrong = new ArrayList<>();
        for (String name : names) {
            QueueInfo queue = existing.get(name);
            if (queue == null || QUEUE_TYPE.equals(queue.type())) {
                continue;
            }
            if (recreateEmpty && queue.messages() == 0) {
                // if-unused and if-empty: the broker refuses to delete it should a consumer hold messages or a
                // message have arrived since the (statistics-based) count was read.
                channel.queueDelete(name, true, true);
                continue;
            }
            wrong.add(name + " (" + queue.type() + ", " + queue.messages() + " messages)");
        }
        if (!wrong.isEmpty()) {
            throw new WrongQueueTypeException("RabbitMQ vhost " + vhost + " holds queues of ours that are not "
                    + QUEUE_TYPE + " queues: " + String.join(", ", wrong) + ". A queue's type cannot change; "
                    + "nothing was declared. Fix: move to a new vhost (set comply360.messaging.vhost), or stop "
                    + "the publishers, let the consumers drain these queues (replay or purge the DLQs), delete "
                    + "them and start again; docs/messaging.md, \"Quorum queues\", has the steps.");
        }
    }
}
