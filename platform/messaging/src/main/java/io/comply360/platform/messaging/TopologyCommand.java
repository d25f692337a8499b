package io.comply360.platform.messaging;

import java.util.Map;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

/**
 * Applies the topology once and exits: the Helm pre-install/pre-upgrade hook runs it, so queues exist before
 * any service (or consumer) starts. Settings from the environment:
 * {@code RABBITMQ_HOST RABBITMQ_PORT RABBITMQ_USERNAME RABBITMQ_PASSWORD RABBITMQ_VHOST RABBITMQ_MANAGEMENT_URL}.
 * Run with any service's libraries: {@code java -cp 'lib/main/*' io.comply360.platform.messaging.TopologyCommand}.
 */
public final class TopologyCommand {

    private TopologyCommand() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println(run(System.getenv()));
    }

    /** Applies the topology with settings from {@code env}; returns what it did. */
    static String run(Map<String, String> env) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(env.getOrDefault("RABBITMQ_HOST", "127.0.0.1"));
        factory.setPort(Integer.parseInt(env.getOrDefault("RABBITMQ_PORT", "5672")));
        factory.setUsername(env.getOrDefault("RABBITMQ_USERNAME", "guest"));
        factory.setPassword(env.getOrDefault("RABBITMQ_PASSWORD", "guest"));
        factory.setVirtualHost(env.getOrDefault("RABBITMQ_VHOST", "comply360"));
        ManagementClient management = new ManagementClient(
                env.getOrDefault("RABBITMQ_MANAGEMENT_URL", "http://127.0.0.1:15672"), factory.getVirtualHost(),
                factory.getUsername(), factory.getPassword());
        try (Connection connection = factory.newConnection("comply360-topology"); Channel channel = connection.createChannel()) {
            TopologyApplier.apply(channel, management, Topology.QUEUES, Topology.DEFAULT_RETRY_DELAYS,
                    Topology.DEFAULT_DEAD_LETTER_TTL);
        }
        return "comply360 topology applied to vhost " + factory.getVirtualHost();
    }
}
