package io.comply360.platform.broker;

import java.time.Duration;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * Applies the topology once and exits: the Helm pre-install/pre-upgrade hook runs it, so queues exist before
 * any service (or consumer) starts. It reads the services' own settings ({@link BrokerConfig}, from the
 * environment as {@code COMPLY360_MESSAGING_HOST _PORT _USERNAME _PASSWORD _VHOST _MANAGEMENT_URL
 * _RETRY_DELAYS _DEAD_LETTER_TTL}), so it declares the same retry steps and dead-letter lifetime as the
 * services: were they to differ, every start would rewrite the policies the hook just set. Run with any
 * service's libraries, including Quarkus' generated config classes (a packaged service has no bytecode
 * generator at run time): {@code java -cp 'lib/main/*:lib/boot/*:quarkus/generated-bytecode.jar'
 * io.comply360.platform.broker.TopologyCommand} in its {@code quarkus-app} folder (dev/up does this).
 */
public final class TopologyCommand {

    private TopologyCommand() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println(run(new SmallRyeConfigBuilder().addDefaultSources()));
    }

    /** Applies the topology with the broker settings found in {@code sources}; returns what it did. */
    static String run(SmallRyeConfigBuilder sources) throws Exception {
        // Quarkus' converter reads durations as the services do ("10S", "1M"), not only ISO-8601.
        BrokerConfig config = sources.withConverter(Duration.class, 200, new DurationConverter())
                .withMapping(BrokerConfig.class).build().getConfigMapping(BrokerConfig.class);
        try (Connection connection = Broker.connectionFactory(config).newConnection("comply360-topology");
                Channel channel = connection.createChannel()) {
            TopologyApplier.apply(channel, new ManagementClient(config), Topology.QUEUES, config.retryDelays(),
                    config.deadLetterTtl());
        }
        return "comply360 topology applied to vhost " + config.vhost() + " with retry steps "
                + config.retryDelays().stream().map(Topology::label).toList() + " and dead letters kept "
                + config.deadLetterTtl();
    }
}
