package io.comply360.platform.broker.internal;

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

import com.rabbitmq.client.Address;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.Recoverable;
import com.rabbitmq.client.RecoveryListener;

import io.comply360.platform.broker.QueueSpec;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.StartupEvent;

/**
 * The service's connections to RabbitMQ: one for consuming (deliveries and their acknowledgements, the topology)
 * and one for publishing (the relay, retry and dead-letter moves, the DLQ tools). They are kept apart because the
 * broker blocks a connection that publishes while a resource alarm or flow control is on, and stops reading from
 * it: on a shared connection the consumers' acknowledgements would wait too, and consumption would stop. It
 * connects in the background (a service starts and serves without its broker: readiness is the database),
 * retries until the broker answers, applies the topology, then tells the relay and the consumers. The client's
 * automatic recovery reconnects after an outage and restores consumers. Broker trouble shows as the metrics
 * {@code comply360_broker_connected} and {@code comply360_messaging_topology_applied}, not as readiness.
 */
@ApplicationScoped
public class Broker {

    private final BrokerConfig config;
    private final BrokerRetries retries;
    private final ManagementClient management;
    private final List<QueueSpec> queues;
    private final String serviceName;
    private final List<Consumer<Connection>> onConnect = new ArrayList<>();
    private final List<Runnable> onRecovery = new CopyOnWriteArrayList<>();
    private final MeterRegistry metrics;
    private final List<Meter> gauges = new ArrayList<>();
    private volatile Connection consuming;
    private volatile Connection publishing;
    private volatile boolean topologyApplied;
    /** Set when the vhost holds queues of ours of the wrong type: nothing is declared or consumed, the service exits. */
    private volatile TopologyApplier.WrongQueueTypeException refused;

    private volatile String publishingBlocked;
    private Channel topologyChannel;

    public Broker(
            BrokerConfig config,
            BrokerRetries retries,
            Instance<QueueSpec> queues,
            MeterRegistry metrics,
            @ConfigProperty(name = "quarkus.application.name", defaultValue = "comply360") String serviceName) {
        this.config = config;
        this.retries = retries;
        this.serviceName = serviceName;
        this.management = new ManagementClient(config);
        // The queues this service consumes: each declared as a bean by the service (next to its handler).
        this.queues = queues.stream().toList();
        this.metrics = metrics;
        gauges.add(Gauge.builder("comply360.broker.connected", this, b -> b.connected() ? 1 : 0)
                .description("1 while the service holds its open connections to RabbitMQ (consuming and publishing)")
                .register(metrics));
        gauges.add(Gauge.builder("comply360.messaging.topology.applied", this, b -> b.topologyApplied() ? 1 : 0)
                .description("1 once the topology, policies included, is applied; 0 while it is being retried")
                .register(metrics));
    }

    /** The broker's nodes ({@link BrokerConfig#host()}), each with its port. */
    static List<Address> addresses(BrokerConfig config) {
        List<Address> addresses = new ArrayList<>();
        for (String node : config.host().split(",")) {
            if (!node.isBlank()) {
                Address address = Address.parseAddress(node.trim());
                addresses.add(address.getPort() < 0 ? new Address(address.getHost(), config.port()) : address);
            }
        }
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("comply360.messaging.host names no broker node");
        }
        return addresses;
    }

    /** The connection settings of {@code config}. */
    static ConnectionFactory connectionFactory(BrokerConfig config) {
        ConnectionFactory factory = new ConnectionFactory();
        // The first node, for a plain newConnection(); the services connect with every node (addresses()).
        Address first = addresses(config).get(0);
        factory.setHost(first.getHost());
        factory.setPort(first.getPort());
        factory.setUsername(config.username());
        factory.setPassword(config.password());
        factory.setVirtualHost(config.vhost());
        factory.setAutomaticRecoveryEnabled(true);
        factory.setNetworkRecoveryInterval(1000);
        factory.setRequestedHeartbeat(10);
        factory.setConnectionTimeout(5000);
        // A channel call the broker never answers (a blocked connection, a stuck node) fails instead of waiting the
        // client's default ten minutes.
        factory.setChannelRpcTimeout(30_000);
        return factory;
    }

    void start(@Observes StartupEvent event) {
        if (!config.enabled()) {
            Log.info("Messaging disabled (comply360.messaging.enabled=false)");
            return;
        }
        ConnectionFactory factory = connectionFactory(config);
        retries.inBackground("connect to RabbitMQ " + addresses(config), () -> connect(factory));
    }

    /**
     * Runs {@code listener} whenever the broker is back: the client recovered a lost connection, either of them
     * (consumers are restored by then), or the broker stopped blocking publishing. Listeners run on the broker's
     * background thread, never on the client's connection thread (a listener that waits — for a database
     * connection, say — would keep the connection from reading frames and heartbeats).
     */
    public void whenRecovered(Runnable listener) {
        onRecovery.add(listener);
    }

    /**
     * Runs {@code listener} with the consuming connection once the broker is first reached (now, if it already
     * is), exactly once.
     */
    public void whenConnected(Consumer<Connection> listener) {
        Connection current;
        synchronized (onConnect) {
            onConnect.add(listener);
            current = consuming;
        }
        if (current != null) {
            listener.accept(current);
        }
    }

    /**
     * Why the broker blocks the publishing connection (a memory or disk alarm), or null while it does not. The broker
     * stops reading from a blocked connection: publishing now would only wait, so publishers give up at once.
     */
    public String publishingBlocked() {
        return publishingBlocked;
    }

    /** Whether both connections are open. */
    public boolean connected() {
        return open(consuming) && open(publishing);
    }

    private static boolean open(Connection connection) {
        return connection != null && connection.isOpen();
    }

    /** Whether the last attempt to apply the topology (declarations and policies) succeeded. */
    public boolean topologyApplied() {
        return topologyApplied;
    }

    public ManagementClient management() {
        return management;
    }

    public List<QueueSpec> queues() {
        return queues;
    }

    /**
     * A new channel on the publishing connection with publisher confirms on, or an exception while the broker is
     * unreachable.
     */
    public Channel confirmChannel() throws IOException {
        Connection current = publishing;
        if (!open(current)) {
            throw new IOException("Not connected to RabbitMQ");
        }
        Channel channel = current.createChannel();
        channel.confirmSelect();
        return channel;
    }

    private void connect(ConnectionFactory factory) throws IOException, TimeoutException {
        List<Address> nodes = addresses(config);
        Connection forConsuming = factory.newConnection(nodes, serviceName + " consuming");
        Connection forPublishing;
        try {
            forPublishing = factory.newConnection(nodes, serviceName + " publishing");
        } catch (IOException | TimeoutException | RuntimeException e) {
            forConsuming.abort();
            throw e;
        }
        // The topology is kept by the consuming connection: after a reconnect the client re-declares it there
        // before it restores the consumers.
        recover(forConsuming, "consuming", () -> keepTopologyApplied(forConsuming));
        recover(forPublishing, "publishing", () -> publishingBlocked = null);
        forPublishing.addBlockedListener(
                reason -> {
                    publishingBlocked = reason;
                    Log.warnf("RabbitMQ blocks publishing (%s); events wait in the outbox, consumers go on", reason);
                },
                () -> {
                    publishingBlocked = null;
                    Log.info("RabbitMQ publishes again");
                    announceRecovery();
                });
        // Queues are declared before the consumers subscribe; if the policies fail, they are retried meanwhile.
        keepTopologyApplied(forConsuming);
        if (refused != null) {
            // Neither the relay nor a consumer may start on queues of the wrong type; the service is stopping.
            forConsuming.abort();
            forPublishing.abort();
            return;
        }
        List<Consumer<Connection>> listeners;
        synchronized (onConnect) {
            publishing = forPublishing;
            consuming = forConsuming;
            listeners = List.copyOf(onConnect);
        }
        Log.infof(
                "Connected to RabbitMQ %s (consuming) and %s (publishing), vhost %s",
                forConsuming.getAddress(), forPublishing.getAddress(), config.vhost());
        listeners.forEach(listener -> listener.accept(forConsuming));
    }

    private void recover(Connection connection, String purpose, Runnable first) {
        ((Recoverable) connection).addRecoveryListener(new RecoveryListener() {
            @Override
            public void handleRecovery(Recoverable recoverable) {
                Log.infof("Reconnected to RabbitMQ (%s)", purpose);
                first.run();
                announceRecovery();
            }

            @Override
            public void handleRecoveryStarted(Recoverable recoverable) {
                Log.warnf("Lost the %s connection to RabbitMQ; recovering", purpose);
            }
        });
    }

    private void announceRecovery() {
        retries.inBackground("tell the listeners that RabbitMQ is back", () -> onRecovery.forEach(Runnable::run));
    }

    /**
     * Applies the topology now and, if that fails, again until it succeeds. Policies go through the management
     * API, which can fail while AMQP works; without them unroutable events are dropped instead of captured and
     * retry queues keep messages forever, so a failure must not wait for the next reconnect.
     */
    private void keepTopologyApplied(Connection opened) {
        retries.now("apply the RabbitMQ topology", () -> applyTopology(opened));
    }

    private synchronized void applyTopology(Connection opened) throws IOException, InterruptedException {
        if (refused != null) {
            return;
        }
        try {
            // Kept open: after a reconnect the client re-declares everything through the channel it was declared
            // on, before it restores the consumers; through a closed channel each of those fails.
            if (topologyChannel == null || !topologyChannel.isOpen()) {
                topologyChannel = opened.createChannel();
            }
            TopologyApplier.apply(topologyChannel, management, queues, config);
        } catch (TopologyApplier.WrongQueueTypeException e) {
            // Trying again cannot help, and consuming from such a queue would lose what the quorum queue guards
            // (replication, the delivery limit): the service stops, naming the queues and the fix.
            topologyApplied = false;
            refused = e;
            Log.error(e.getMessage() + " The service stops.");
            Quarkus.asyncExit(1);
            return;
        } catch (IOException | RuntimeException e) {
            topologyApplied = false;
            throw e;
        }
        if (!topologyApplied) {
            topologyApplied = true;
            Log.infof("RabbitMQ topology applied to vhost %s", config.vhost());
        }
    }

    @PreDestroy
    void stop() {
        // Meters outlive an application in the same JVM (tests restart it): a gauge left behind would keep reading
        // this stopped instance for the next one.
        gauges.forEach(metrics::remove);
        for (Connection current : new Connection[] {publishing, consuming}) {
            if (open(current)) {
                try {
                    current.close(2000);
                } catch (IOException e) {
                    Log.debug("Closing a RabbitMQ connection failed", e);
                }
            }
        }
    }
}
