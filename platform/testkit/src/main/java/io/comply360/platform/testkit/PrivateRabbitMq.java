package io.comply360.platform.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A RabbitMQ node of the test's own, on free loopback ports with its own data directory, so fault tests can
 * stop and start the broker without touching the machine's shared one. Needs the Debian
 * {@code rabbitmq-server} package and root (its start script switches to the rabbitmq user).
 */
public class PrivateRabbitMq implements QuarkusTestResourceLifecycleManager {

    private static Path home;
    private static String node;
    private static int amqpPort;
    private static int managementPort;

    @Override
    public synchronized Map<String, String> start() {
        try {
            home = Files.createTempDirectory("comply360-rabbit");
            amqpPort = freePort();
            managementPort = freePort();
            node = "c360test" + amqpPort + "@localhost";
            Files.writeString(home.resolve("rabbitmq.conf"), """
                    listeners.tcp.default = 127.0.0.1:%d
                    management.tcp.port = %d
                    management.tcp.ip = 127.0.0.1
                    loopback_users = none
                    """.formatted(amqpPort, managementPort));
            Files.writeString(home.resolve("enabled_plugins"), "[rabbitmq_management].\n");
            run(Duration.ofSeconds(30), "chown", "-R", "rabbitmq:rabbitmq", home.toString());
            startBroker();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of(
                "comply360.messaging.port", Integer.toString(amqpPort),
                "comply360.messaging.vhost", "/",
                "comply360.messaging.management-url", "http://127.0.0.1:" + managementPort);
    }

    @Override
    public synchronized void stop() {
        stopBroker();
        try {
            run(Duration.ofSeconds(30), "rm", "-rf", home.toString());
        } catch (RuntimeException e) {
            // A leftover temp directory is harmless.
        }
    }

    /** Starts the node (again) and waits until it serves AMQP. Its queues and messages survive a restart. */
    public static synchronized void startBroker() {
        ProcessBuilder builder = new ProcessBuilder("rabbitmq-server", "-detached");
        Map<String, String> env = builder.environment();
        env.put("RABBITMQ_NODENAME", node);
        env.put("RABBITMQ_NODE_PORT", Integer.toString(amqpPort));
        env.put("RABBITMQ_DIST_PORT", Integer.toString(amqpPort + 20000 > 65000 ? amqpPort - 20000 : amqpPort + 20000));
        env.put("RABBITMQ_CONFIG_FILE", home.resolve("rabbitmq.conf").toString());
        env.put("RABBITMQ_ENABLED_PLUGINS_FILE", home.resolve("enabled_plugins").toString());
        env.put("RABBITMQ_MNESIA_BASE", home.resolve("mnesia").toString());
        env.put("RABBITMQ_LOG_BASE", home.resolve("log").toString());
        env.put("RABBITMQ_PID_FILE", home.resolve("pid").toString());
        waitFor(builder, Duration.ofSeconds(30));
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        // await_startup fails when called before the node answers at all: poll status first.
        while (!ctl("status") && Instant.now().isBefore(deadline)) {
            pause(300);
        }
        if (!ctl("await_startup", "--timeout", "90")) {
            throw new IllegalStateException("Private RabbitMQ node " + node + " did not start; see " + home.resolve("log"));
        }
    }

    /** Stops the node; clients see the connection drop. */
    public static synchronized void stopBroker() {
        if (node != null) {
            ctl("stop");
        }
    }

    /**
     * Raises (or clears) the node's memory alarm: the broker then blocks every connection that publishes, and
     * stops reading from it, until the alarm clears. Connections that only consume keep working.
     */
    public static synchronized void memoryAlarm(boolean raised) {
        if (!ctl("set_vm_memory_high_watermark", raised ? "0" : "0.4")) {
            throw new IllegalStateException("Could not " + (raised ? "raise" : "clear") + " the memory alarm of " + node);
        }
    }

    public static int amqpPort() {
        return amqpPort;
    }

    public static int managementPort() {
        return managementPort;
    }

    private static boolean ctl(String... args) {
        List<String> command = new ArrayList<>(List.of("rabbitmqctl", "-q", "-n", node));
        command.addAll(List.of(args));
        try {
            return waitFor(new ProcessBuilder(command), Duration.ofSeconds(120)) == 0;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static void run(Duration timeout, String... command) {
        if (waitFor(new ProcessBuilder(command), timeout) != 0) {
            throw new IllegalStateException("Failed: " + String.join(" ", command));
        }
    }

    private static int waitFor(ProcessBuilder builder, Duration timeout) {
        try {
            Process process = builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("Timed out: " + String.join(" ", builder.command()));
            }
            return process.exitValue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
