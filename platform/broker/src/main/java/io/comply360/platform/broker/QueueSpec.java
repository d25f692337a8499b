package io.comply360.platform.broker;

import java.time.Duration;
import java.util.List;

/**
 * A consumer queue {@code <service>.<purpose>}: its name, the exchange it is bound to and the routing keys (topic
 * patterns). A service declares each queue it consumes as a bean of this type, next to its handler; the platform
 * declares it with its retry queues, DLQ and policies when the broker is first reached (see {@link Topology}).
 * Nothing in the platform names a service's queue.
 */
public record QueueSpec(String name, String exchange, List<String> bindingKeys) {

    public QueueSpec {
        bindingKeys = List.copyOf(bindingKeys);
    }

    public String dlq() {
        return name + ".dlq";
    }

    public String retryQueue(Duration delay) {
        return name + ".retry." + Topology.label(delay);
    }
}
