package io.comply360.platform.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A RabbitMQ node of the test's own, on free loopback ports with its own data directory, so fault tests can
 * stop and start the broker without touching the machine's shared one. Needs the Debian
 * {@code rabbitmq-server} package and root (its start script switches to the rabbitmq user).
 *
 * @see PrivateRabbitMqCluster for several nodes in a cluster
 */
public class PrivateRabbitMq implements QuarkusTestResourceLifecycleManager {

    private static Path home;
    private static RabbitNode node;
    private static int amqpPort;
    private static int managementPort;

    @Override
    public synchronized Map<String, String> start() {
        try {
            home = Files.createTempDirectory("comply360-rabbit");
            int[] ports = RabbitNode.freePorts(2);
            amqpPort = ports[0];
            managementPort = ports[1];
            node = RabbitNode.create(
                    "c360test" + amqpPort + "@localhost",
                    home,
                    amqpPort,
                    managementPort,
                    amqpPort + 20000 > 65000 ? amqpPort - 20000 : amqpPort + 20000,
                    "",
                    null);
            RabbitNode.handToRabbitmqUser(home);
            startBroker();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of(
                "comply360.messaging.port",
                Integer.toString(amqpPort),
                "comply360.messaging.vhost",
                "/",
                "comply360.messaging.management-url",
                "http://127.0.0.1:" + managementPort);
    }

    @Override
    public synchronized void stop() {
        try {
            stopBroker();
        } finally {
            RabbitNode.deleteQuietly(home);
        }
    }

    /** Starts the node (again) and waits until it serves AMQP. Its queues and messages survive a restart. */
    public static synchronized void startBroker() {
        node.start(Duration.ofSeconds(90));
    }

    /** Stops the node and waits until its process has exited; clients see the connection drop. */
    public static synchronized void stopBroker() {
        if (node != null) {
            node.stop(Duration.ofSeconds(60));
        }
    }

    /**
     * Raises (or clears) the node's memory alarm: the broker then blocks every connection that publishes, and
     * stops reading from it, until the alarm clears. Connections that only consume keep working.
     */
    public static synchronized void memoryAlarm(boolean raised) {
        if (!node.ctl("set_vm_memory_high_watermark", raised ? "0" : "0.4").ok()) {
            throw new IllegalStateException(
                    "Could not " + (raised ? "raise" : "clear") + " the memory alarm of " + node.name);
        }
    }

    public static int amqpPort() {
        return amqpPort;
    }

    public static int managementPort() {
        return managementPort;
    }
}
