package io.comply360.platform.messaging;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.Recoverable;
import com.rabbitmq.client.RecoveryListener;

import io.comply360.platform.messaging.Topology.QueueSpec;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;

/**
 * The service's connection to RabbitMQ. It connects in the background (a service starts and serves without
 * its broker: readiness is the database), retries until the broker answers, applies the topology, then
 * tells the relay and the consumers. The client's automatic recovery reconnects after an outage and
 * restores consumers. Broker trouble shows as the metric {@code comply360_broker_connected}, not as
 * readiness.
 */
@ApplicationScoped
public class Broker {

    private final MessagingConfig config;
    private final ManagementClient management;
    private final List<QueueSpec> queues;
    private final String serviceName;
    private final List<Consumer<Connection>> onConnect = new CopyOnWriteArrayList<>();
    private final List<Runnable> onRecovery = new CopyOnWriteArrayList<>();
    private volatile Connection connection;
    private volatile boolean stopping;
    private Thread connector;

    public Broker(MessagingConfig config, Instance<QueueSpec> extraQueues, MeterRegistry metrics,
            @ConfigProperty(name = "quarkus.application.name", defaultValue = "comply360") String serviceName) {
        this.config = config;
        this.serviceName = serviceName;
        this.management = new ManagementClient(config.managementUrl(), config.vhost(), config.username(),
                config.password());
        List<QueueSpec> all = new ArrayList<>(Topology.QUEUES);
        extraQueues.forEach(all::add);
        this.queues = List.copyOf(all);
        Gauge.builder("comply360.broker.connected", this, b -> b.connected() ? 1 : 0)
                .description("1 while the service holds an open connection to RabbitMQ").register(metrics);
    }

    void start(@Observes StartupEvent event) {
        if (!config.enabled()) {
            Log.info("Messaging disabled (comply360.messaging.enabled=false)");
            return;
        }
        connector = new Thread(this::connectUntilUp, "broker-connector");
        connector.setDaemon(true);
        connector.start();
    }

    /** Runs {@code listener} after the client recovered a lost connection (consumers are restored by then). */
    public void whenRecovered(Runnable listener) {
        onRecovery.add(listener);
    }

    /** Runs {@code listener} with the connection once it is first up (now, if it already is). */
    public void whenConnected(Consumer<Connection> listener) {
        onConnect.add(listener);
        Connection current = connection;
        if (current != null) {
            listener.accept(current);
        }
    }

    public boolean connected() {
        Connection current = connection;
        return current != null && current.isOpen();
    }

    public ManagementClient management() {
        return management;
    }

    public List<QueueSpec> queues() {
        return queues;
    }

    /** A new channel with publisher confirms on, or an exception while the broker is unreachable. */
    public Channel confirmChannel() throws IOException {
        Connection current = connection;
        if (current == null || !current.isOpen()) {
            throw new IOException("Not connected to RabbitMQ");
        }
        Channel channel = current.createChannel();
        channel.confirmSelect();
        return channel;
    }

    private void connectUntilUp() {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(config.host());
        factory.setPort(config.port());
        factory.setUsername(config.username());
        factory.setPassword(config.password());
        factory.setVirtualHost(config.vhost());
        factory.setAutomaticRecoveryEnabled(true);
        factory.setNetworkRecoveryInterval(1000);
        factory.setRequestedHeartbeat(10);
        factory.setConnectionTimeout(5000);
        long backoff = 500;
        while (!stopping) {
            try {
                Connection opened = factory.newConnection(serviceName);
                applyTopology(opened);
                ((Recoverable) opened).addRecoveryListener(new RecoveryListener() {
                    @Override
                    public void handleRecovery(Recoverable recoverable) {
                        Log.info("Reconnected to RabbitMQ");
                        applyTopology(opened);
                        onRecovery.forEach(Runnable::run);
                    }

                    @Override
                    public void handleRecoveryStarted(Recoverable recoverable) {
                        Log.warn("Lost the connection to RabbitMQ; recovering");
                    }
                });
                connection = opened;
                Log.infof("Connected to RabbitMQ %s:%d vhost %s", config.host(), config.port(), config.vhost());
                onConnect.forEach(listener -> listener.accept(opened));
                return;
            } catch (IOException | TimeoutException e) {
                Log.warnf("RabbitMQ not reachable yet (%s); retrying in %d ms", e.getMessage(), backoff);
                Pause.millis(backoff);
                backoff = Math.min(backoff * 2, 10_000);
            }
        }
    }

    private void applyTopology(Connection opened) {
        try (Channel channel = opened.createChannel()) {
            TopologyApplier.apply(channel, management, queues, config.retryDelays(), config.deadLetterTtl());
        } catch (IOException | TimeoutException e) {
            Log.errorf(e, "Could not apply the RabbitMQ topology; retry queues may lack their TTL until it is");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }


    @PreDestroy
    void stop() {
        stopping = true;
        if (connector != null) {
            connector.interrupt();
        }
        Connection current = connection;
        if (current != null && current.isOpen()) {
            try {
                current.close(2000);
            } catch (IOException e) {
                Log.debug("Closing the RabbitMQ connection failed", e);
            }
        }
    }
}
