package io.comply360.platform.broker;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;

import io.comply360.platform.broker.Topology.QueueSpec;

/**
 * Declares {@link Topology} on a broker, idempotently: everything is declared durable and without arguments
 * (so re-declaring never fails with PRECONDITION_FAILED), and TTLs, dead-lettering and alternate exchanges
 * are policies (so they can change on live queues). Policy patterns are disjoint: RabbitMQ applies only one
 * policy per object.
 */
public final class TopologyApplier {

    private TopologyApplier() {
    }

    public static void apply(Channel channel, ManagementClient management, List<QueueSpec> queues,
            List<Duration> retryDelays, Duration deadLetterTtl) throws IOException, InterruptedException {
        channel.exchangeDeclare(Topology.UNROUTED, BuiltinExchangeType.FANOUT, true);
        channel.queueDeclare(Topology.UNROUTED, true, false, false, null);
        channel.queueBind(Topology.UNROUTED, Topology.UNROUTED, "");
        for (String exchange : Topology.EXCHANGES) {
            channel.exchangeDeclare(exchange, BuiltinExchangeType.TOPIC, true);
        }
        channel.exchangeDeclare(Topology.RETRY_RETURN, BuiltinExchangeType.DIRECT, true);
        for (Duration delay : retryDelays) {
            channel.exchangeDeclare(Topology.retryExchange(delay), BuiltinExchangeType.DIRECT, true);
        }
        for (QueueSpec queue : queues) {
            channel.queueDeclare(queue.name(), true, false, false, null);
            for (String key : queue.bindingKeys()) {
                channel.queueBind(queue.name(), queue.exchange(), key);
            }
            channel.queueBind(queue.name(), Topology.RETRY_RETURN, queue.name());
            for (Duration delay : retryDelays) {
                channel.queueDeclare(queue.retryQueue(delay), true, false, false, null);
                channel.queueBind(queue.retryQueue(delay), Topology.retryExchange(delay), queue.name());
            }
            channel.queueDeclare(queue.dlq(), true, false, false, null);
        }

        String eventExchanges = Topology.EXCHANGES.stream().map(e -> e.replace(".", "\\."))
                .collect(Collectors.joining("|", "^(", ")$"));
        management.putPolicy("comply360-alternate-exchange", eventExchanges, "exchanges", 10,
                Map.of("alternate-exchange", Topology.UNROUTED));
        for (Duration delay : retryDelays) {
            management.putPolicy("comply360-retry-" + Topology.label(delay),
                    "\\.retry\\." + Topology.label(delay) + "$", "queues", 10,
                    Map.of("message-ttl", delay.toMillis(), "dead-letter-exchange", Topology.RETRY_RETURN));
        }
        management.putPolicy("comply360-dead-letters", "(\\.dlq|^comply360\\.unrouted)$", "queues", 10,
                Map.of("message-ttl", deadLetterTtl.toMillis()));
    }
}
