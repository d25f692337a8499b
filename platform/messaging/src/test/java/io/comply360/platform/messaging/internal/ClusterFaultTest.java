package io.comply360.platform.messaging.internal;

import static io.comply360.platform.messaging.internal.TestEvents.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

import io.comply360.platform.broker.internal.Broker;
import io.comply360.platform.broker.internal.ConfirmingPublisher;
import io.comply360.platform.broker.internal.ConfirmingPublisher.Outcome;
import io.comply360.platform.broker.internal.ConfirmingPublisher.Outgoing;
import io.comply360.platform.broker.internal.TopologyApplier;
import io.comply360.platform.testkit.PrivateRabbitMqCluster;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Events keep flowing from the outbox to a consumer while the RabbitMQ node that leads the work queue (a quorum
 * queue) is stopped and later started again, on a private three-node cluster the service knows by all its nodes.
 * Every event is applied exactly once. It prints the consume latency (outbox commit to the handler) and the rate
 * of confirmed publishes before, during and after the node loss, and the rate on a classic queue for comparison:
 * measurements, recorded in docs/benchmarks.md, not asserted (each rate after one unrecorded warm-up window).
 */
@QuarkusTest
@QuarkusTestResource(value = ClusterFaultTest.Cluster.class, restrictToAnnotatedClass = true)
class ClusterFaultTest {

    private static final String RATE_EXCHANGE = "fault-test.rate";
    private static final String RATE_QUORUM = "fault-test.rate-quorum";
    private static final String RATE_CLASSIC = "fault-test.rate-classic";
    private static final Duration RATE_WINDOW = Duration.ofSeconds(2);
    private static final int RATE_ROUNDS = 3;
    private static final byte[] RATE_BODY = new byte[700];

    /** Three nodes; the service is given all of them, the management API of node 1. */
    public static class Cluster implements QuarkusTestResourceLifecycleManager {

        static PrivateRabbitMqCluster cluster;

        @Override
        public Map<String, String> start() {
            Instant started = Instant.now();
            cluster = PrivateRabbitMqCluster.start(3);
            System.out.printf(
                    "ClusterFaultTest: three-node cluster up in %.1f s%n",
                    Duration.between(started, Instant.now()).toMillis() / 1000.0);
            String nodes = List.of(1, 2, 3).stream()
                    .map(n -> "127.0.0.1:" + cluster.amqpPort(n))
                    .collect(Collectors.joining(","));
            return Map.of(
                    "comply360.messaging.host",
                    nodes,
                    "comply360.messaging.vhost",
                    "/",
                    "comply360.messaging.management-url",
                    "http://127.0.0.1:" + cluster.managementPort(1));
        }

        @Override
        public void stop() {
            if (cluster != null) {
                cluster.close();
            }
        }
    }

    @Inject
    TestEvents events;

    @Inject
    WidgetHandler handler;

    @Inject
    Broker broker;

    private final UUID tenant = UUID.randomUUID();

    private record Sent(String name, long at, String phase) {}

    @Test
    void eventsFlowExactlyOnceWhileTheNodeLeadingTheWorkQueueIsStoppedAndStartedAgain() throws Exception {
        Instant testStarted = Instant.now();
        PrivateRabbitMqCluster cluster = Cluster.cluster;
        await().atMost(Duration.ofSeconds(60)).until(broker::connected);
        await().atMost(Duration.ofSeconds(60)).until(broker::topologyApplied);
        String workQueue = WidgetHandler.QUEUE.name();
        int leader = cluster.leaderOf("/", workQueue);
        declareRateQueuesOn(cluster, leader);

        List<Sent> sent = Collections.synchronizedList(new ArrayList<>());
        AtomicReference<String> phase = new AtomicReference<>("before");
        AtomicBoolean writing = new AtomicBoolean(true);
        // One event every 50 ms through the outbox, from before the loss until after the node is back.
        Thread writer = new Thread(
                () -> {
                    while (writing.get()) {
                        String name = unique("flow");
                        long at = System.nanoTime();
                        events.publish(tenant, WidgetHandler.WIDGET_CREATED, Map.of("name", name));
                        sent.add(new Sent(name, at, phase.get()));
                        try {
                            Thread.sleep(50);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                },
                "fault-test-writer");
        Map<String, Double> rates = new ConcurrentHashMap<>();
        writer.start();
        try {
            publishRate("quorum");
            publishRate("classic");
            System.out.printf(
                    "ClusterFaultTest: work queue led by node %d; the service's connections are on node(s) %s%n",
                    leader, serviceNodes(cluster, leader == 1 ? 2 : 1));
            measureRates(rates, "before", "quorum", "classic");

            phase.set("during");
            Instant stopping = Instant.now();
            cluster.stopNode(leader);
            Duration stopTook = Duration.between(stopping, Instant.now());
            int[] newLeader = {0};
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(newLeader[0] = cluster.leaderOf("/", workQueue))
                            .as("another node leads the work queue")
                            .isNotEqualTo(leader)
                            .isPositive());
            measureRates(rates, "during", "quorum");
            Instant restarting = Instant.now();
            cluster.startNode(leader);
            Duration restartTook = Duration.between(restarting, Instant.now());
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> cluster.runningNodes().size() == 3);

            phase.set("after");
            // Not a wait for a condition: two seconds of events written after the restart, the "after" sample of
            // the latency percentiles printed below.
            Thread.sleep(2000);
            measureRates(rates, "after", "quorum", "classic");
            System.out.printf(
                    "ClusterFaultTest: node %d (the leader) stopped in %.1f s, node %d led next, node %d "
                            + "restarted in %.1f s%n",
                    leader, stopTook.toMillis() / 1000.0, newLeader[0], leader, restartTook.toMillis() / 1000.0);
        } finally {
            writing.set(false);
            writer.join(10_000);
        }

        // Every event arrives, exactly once: the inbox drops what a lost confirm made the relay send twice.
        List<String> names = sent.stream().map(Sent::name).toList();
        await().atMost(Duration.ofSeconds(90))
                .until(() -> events.effectsByName(tenant).keySet().containsAll(names));
        Map<String, Long> effects = events.effectsByName(tenant);
        assertThat(effects)
                .as("one effect per event, none lost, none twice")
                .hasSize(names.size())
                .allSatisfy((name, count) -> assertThat(count).as(name).isEqualTo(1L));
        await().atMost(Duration.ofSeconds(30)).until(() -> events.unsentCount(tenant) == 0);

        System.out.printf(
                "ClusterFaultTest: %d events; consume latency, outbox commit to handler (ms):%n", names.size());
        for (String p : List.of("before", "during", "after")) {
            List<Long> latencies = new ArrayList<>();
            for (Sent s : sent) {
                if (s.phase().equals(p)) {
                    latencies.add((handler.attemptTimes(s.name()).get(0) - s.at()) / 1_000_000);
                }
            }
            Collections.sort(latencies);
            System.out.printf(
                    "  %-6s n=%4d p50=%6d p95=%6d p99=%6d max=%6d%n",
                    p,
                    latencies.size(),
                    percentile(latencies, 50),
                    percentile(latencies, 95),
                    percentile(latencies, 99),
                    latencies.get(latencies.size() - 1));
        }
        System.out.println(
                "ClusterFaultTest: confirmed publishes per second (batches of 50, 700-byte bodies; median of "
                        + RATE_ROUNDS + " windows of " + RATE_WINDOW.toSeconds() + " s, queue types alternating):");
        for (String key :
                List.of("before, quorum", "before, classic", "during, quorum", "after, quorum", "after, classic")) {
            System.out.printf("  %-16s %8.0f/s%n", key, rates.get(key));
        }
        System.out.printf(
                "ClusterFaultTest: %.1f s in all%n",
                Duration.between(testStarted, Instant.now()).toMillis() / 1000.0);
    }

    /**
     * The measurement queues, declared through the node that leads the work queue, so the quorum one has the same
     * leader (queues are led by the node they were declared on) and the classic one lives there.
     */
    private static void declareRateQueuesOn(PrivateRabbitMqCluster cluster, int node) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        factory.setPort(cluster.amqpPort(node));
        try (Connection connection = factory.newConnection("fault-test-setup");
                Channel channel = connection.createChannel()) {
            channel.exchangeDeclare(RATE_EXCHANGE, BuiltinExchangeType.DIRECT, true);
            channel.queueDeclare(RATE_QUORUM, true, false, false, TopologyApplier.QUEUE_ARGUMENTS);
            channel.queueBind(RATE_QUORUM, RATE_EXCHANGE, "quorum");
            channel.queueDeclare(RATE_CLASSIC, true, false, false, null);
            channel.queueBind(RATE_CLASSIC, RATE_EXCHANGE, "classic");
        }
        assertThat(cluster.leaderOf("/", RATE_QUORUM)).isEqualTo(node);
    }

    /**
     * Measures each queue type's publish rate in {@link #RATE_ROUNDS} windows, alternating the types (the machine's
     * load drifts), and records the median under "{@code phase}, {@code type}".
     */
    private void measureRates(Map<String, Double> rates, String phase, String... types) throws Exception {
        Map<String, List<Double>> windows = new java.util.HashMap<>();
        for (int round = 0; round < RATE_ROUNDS; round++) {
            for (String type : types) {
                windows.computeIfAbsent(type, t -> new ArrayList<>()).add(publishRate(type));
            }
        }
        windows.forEach((type, measured) -> {
            Collections.sort(measured);
            rates.put(phase + ", " + type, measured.get(measured.size() / 2));
        });
    }

    /** Confirmed persistent publishes per second to the quorum or classic queue, on the service's connection. */
    private double publishRate(String queue) throws Exception {
        AMQP.BasicProperties properties =
                new AMQP.BasicProperties.Builder().deliveryMode(2).build();
        List<Outgoing> batch = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            batch.add(new Outgoing(RATE_EXCHANGE, queue, properties, RATE_BODY));
        }
        long confirmed = 0;
        long started = System.nanoTime();
        long end = started + RATE_WINDOW.toNanos();
        try (ConfirmingPublisher publisher = new ConfirmingPublisher(broker)) {
            while (System.nanoTime() < end) {
                for (Outcome outcome : publisher.publish(batch, Duration.ofSeconds(10))) {
                    if (outcome.confirmed()) {
                        confirmed++;
                    }
                }
            }
        }
        double rate = confirmed / ((System.nanoTime() - started) / 1e9);
        try (Channel channel = broker.confirmChannel()) {
            channel.queuePurge(queue.equals("quorum") ? RATE_QUORUM : RATE_CLASSIC);
        } catch (IOException | RuntimeException notNow) {
            // The service's connection is recovering: the measurement messages stay, harmless.
        }
        return rate;
    }

    /** The nodes the service's connections are on, as a running node's management API lists them. */
    private static List<Integer> serviceNodes(PrivateRabbitMqCluster cluster, int askNode) throws Exception {
        List<Integer> nodes = new ArrayList<>();
        for (JsonNode connection : cluster.api(askNode).get("/api/connections")) {
            if (connection
                    .path("client_properties")
                    .path("connection_name")
                    .asText()
                    .startsWith("messaging-test")) {
                nodes.add(cluster.indexOf(connection.path("node").asText()));
            }
        }
        return nodes;
    }

    private static long percentile(List<Long> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
