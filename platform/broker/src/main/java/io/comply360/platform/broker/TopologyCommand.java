package io.comply360.platform.broker;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;

import io.comply360.platform.broker.ManagementClient.QueueInfo;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * Applies the topology once and exits: the Helm pre-install/pre-upgrade hook runs it, so queues exist before
 * any service (or consumer) starts. It reads the services' own settings ({@link BrokerConfig}, from the
 * environment as {@code COMPLY360_MESSAGING_HOST _PORT _USERNAME _PASSWORD _VHOST _MANAGEMENT_URL
 * _RETRY_DELAYS _DEAD_LETTER_TTL _DELIVERY_LIMIT}), so it declares the same retry steps, delivery limit and dead-letter lifetime as the
 * services: were they to differ, every start would rewrite the policies the hook just set. Run with any
 * service's libraries, including Quarkus' generated config classes (a packaged service has no bytecode
 * generator at run time): {@code java -cp 'lib/main/*:lib/boot/*:quarkus/generated-bytecode.jar'
 * io.comply360.platform.broker.TopologyCommand} in its {@code quarkus-app} folder (dev/up does this).
 */
public final class TopologyCommand {

    private TopologyCommand() {
    }

    /**
     * With {@code --recreate-empty-queues} (dev/up, for its own vhost) an empty queue of the wrong type is deleted
     * and declared anew; a queue holding messages is never touched.
     */
    public static void main(String[] args) throws Exception {
        boolean recreateEmpty = List.of(args).contains("--recreate-empty-queues");
        try {
            System.out.println(run(new SmallRyeConfigBuilder().addDefaultSources(), recreateEmpty));
        } catch (TopologyApplier.WrongQueueTypeException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        }
    }

    /** The broker settings found in {@code sources}, read as the services read them. */
    static BrokerConfig configOf(SmallRyeConfigBuilder sources) {
        // Quarkus' converter reads durations as the services do ("10S", "1M"), not only ISO-8601.
        return sources.withConverter(Duration.class, 200, new DurationConverter())
                .withMapping(BrokerConfig.class).build().getConfigMapping(BrokerConfig.class);
    }

    /**
     * Applies the topology with the broker settings found in {@code sources}, then reads the queues' types back
     * through the management API; returns what it did.
     */
    static String run(SmallRyeConfigBuilder sources, boolean recreateEmpty) throws Exception {
        BrokerConfig config = configOf(sources);
        ManagementClient management = new ManagementClient(config);
        try (Connection connection = Broker.connectionFactory(config).newConnection(Broker.addresses(config),
                "comply360-topology");
                Channel channel = connection.createChannel()) {
            TopologyApplier.apply(channel, management, Topology.QUEUES, config, recreateEmpty);
        }
        List<String> names = TopologyApplier.queueNames(Topology.QUEUES, config.retryDelays());
        Map<String, QueueInfo> queues = management.queues();
        List<String> notQuorum = names.stream()
                .filter(name -> !queues.containsKey(name)
                        || !TopologyApplier.QUEUE_TYPE.equals(queues.get(name).type()))
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
