package io.comply360.platform.broker.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;

import io.comply360.platform.broker.QueueSpec;
import io.comply360.platform.broker.Topology;
import io.comply360.platform.broker.internal.ManagementClient.QueueInfo;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * Applies the whole topology once and exits: the shared part and every service's queues as the service manifest
 * ({@code services.json}) lists them, so each queue exists before any service (or consumer) starts and an event
 * published before its consumer first ran waits in its queue. dev/up runs it; a deployment's pre-install/upgrade
 * hook runs it the same way. Each service still applies the shared part and its own queues when it reaches the
 * broker (their declarations agree: each service's test checks its {@code QueueSpec} beans against the
 * manifest). It reads the services' own settings ({@link BrokerConfig}, from the environment as
 * {@code COMPLY360_MESSAGING_HOST _PORT _USERNAME _PASSWORD _VHOST _MANAGEMENT_URL _RETRY_DELAYS
 * _DEAD_LETTER_TTL _DELIVERY_LIMIT _RECREATE_EMPTY_QUEUES}), so it declares the same retry steps, delivery limit
 * and dead-letter lifetime as the services: were they to differ, every start would rewrite the policies. Runs on
 * platform-broker's own classpath: {@code java -cp <platform-broker and its dependencies>
 * io.comply360.platform.broker.internal.TopologyCommand services.json}.
 */
public final class TopologyCommand {

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Manifest(List<Service> services) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Service(String name, List<Queue> queues) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Queue(String name, String exchange, List<String> bindings) {}

    private TopologyCommand() {}

    /** Argument: the manifest's path. Exits 2 when the vhost holds queues of ours of the wrong type. */
    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: TopologyCommand <services.json>");
            System.exit(64);
        }
        try {
            System.out.println(run(new SmallRyeConfigBuilder().addDefaultSources(), queuesOf(Path.of(args[0]))));
        } catch (TopologyApplier.WrongQueueTypeException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        }
    }

    /** Every queue the manifest's services consume. */
    static List<QueueSpec> queuesOf(Path manifest) throws IOException {
        List<QueueSpec> queues = new ArrayList<>();
        for (Service service :
                new ObjectMapper().readValue(manifest.toFile(), Manifest.class).services()) {
            for (Queue queue : service.queues() == null ? List.<Queue>of() : service.queues()) {
                if (!Topology.EXCHANGES.contains(queue.exchange())) {
                    throw new IllegalArgumentException(manifest + ": queue " + queue.name() + " of " + service.name()
                            + " is bound to " + queue.exchange() + ", which is no exchange of Topology");
                }
                queues.add(new QueueSpec(queue.name(), queue.exchange(), queue.bindings()));
            }
        }
        return queues;
    }

    /** The broker settings found in {@code sources}, read as the services read them. */
    static BrokerConfig configOf(SmallRyeConfigBuilder sources) {
        // Quarkus' converter reads durations as the services do ("10S", "1M"), not only ISO-8601.
        return sources.withConverter(Duration.class, 200, new DurationConverter())
                .withMapping(BrokerConfig.class)
                .build()
                .getConfigMapping(BrokerConfig.class);
    }

    /**
     * Applies the topology of {@code queues} with the broker settings found in {@code sources}, then reads the
     * queues' types back through the management API; returns what it did.
     */
    static String run(SmallRyeConfigBuilder sources, List<QueueSpec> queues) throws Exception {
        BrokerConfig config = configOf(sources);
        ManagementClient management = new ManagementClient(config);
        try (Connection connection =
                        Broker.connectionFactory(config).newConnection(Broker.addresses(config), "comply360-topology");
                Channel channel = connection.createChannel()) {
            TopologyApplier.apply(channel, management, queues, config);
        }
        List<String> names = TopologyApplier.queueNames(queues, config.retryDelays());
        Map<String, QueueInfo> existing = management.queues();
        List<String> notQuorum = names.stream()
                .filter(name -> !existing.containsKey(name)
                        || !TopologyApplier.QUEUE_TYPE.equals(existing.get(name).type()))
                .toList();
        if (!notQuorum.isEmpty()) {
            throw new IllegalStateException("After applying the topology these queues are missing or not "
                    + TopologyApplier.QUEUE_TYPE + " queues: " + notQuorum);
        }
        return "comply360 topology applied to vhost " + config.vhost() + ": " + names.size() + " "
                + TopologyApplier.QUEUE_TYPE + " queues, retry steps "
                + config.retryDelays().stream().map(Topology::label).toList() + ", delivery limit "
                + config.deliveryLimit() + ", dead letters kept " + config.deadLetterTtl();
    }
}
