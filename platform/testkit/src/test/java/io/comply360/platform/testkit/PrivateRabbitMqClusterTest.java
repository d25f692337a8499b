package io.comply360.platform.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.MessageProperties;

/** The cluster as fault tests use it: a quorum queue keeps its messages when its leader stops or crashes. */
class PrivateRabbitMqClusterTest {

    private static final String QUEUE = "cluster-test-orders";
    private static final int MESSAGES = 100;

    @Test
    void quorumQueueKeepsItsMessagesWhenItsLeaderStopsOrCrashes() throws Exception {
        List<Long> pids;
        long starting = System.nanoTime();
        try (PrivateRabbitMqCluster cluster = PrivateRabbitMqCluster.start(3)) {
            report("start of 3 nodes (parallel boot, joins, all running, management up)", starting);
            assertThat(cluster.runningNodes())
                    .containsExactlyInAnyOrder(cluster.nodeName(1), cluster.nodeName(2), cluster.nodeName(3));
            memory(cluster, "after start");

            try (Connection connection = connect(cluster, 1);
                    Channel channel = connection.createChannel()) {
                channel.queueDeclare(QUEUE, true, false, false, Map.of("x-queue-type", "quorum"));
                channel.confirmSelect();
                for (int i = 0; i < MESSAGES; i++) {
                    channel.basicPublish(
                            "",
                            QUEUE,
                            MessageProperties.PERSISTENT_BASIC,
                            Integer.toString(i).getBytes(StandardCharsets.UTF_8));
                }
                channel.waitForConfirmsOrDie(30_000);
            }
            int leader = awaitLeader(cluster, 0);
            memory(cluster, "with the queue (node " + leader + " leads it)");

            // A shutdown: rabbitmqctl stop on the leader.
            int watched = leader == 1 ? 2 : 1;
            long stopping = System.nanoTime();
            CompletableFuture<Long> elected = watchForNewLeader(cluster, watched, leader);
            cluster.stopNode(leader);
            report("stop of node " + leader + " (the leader)", stopping);
            assertThat(cluster.isRunning(leader)).isFalse();
            report(
                    "new leader shown by node " + watched + "'s management API, from the stop's beginning",
                    stopping,
                    elected.get(60, TimeUnit.SECONDS));
            int newLeader = awaitLeader(cluster, leader);
            assertThat(newLeader).isNotEqualTo(leader);

            int survivor = IntStream.rangeClosed(1, 3)
                    .filter(node -> node != leader && node != newLeader)
                    .findFirst()
                    .orElseThrow();
            try (Connection connection = connect(cluster, survivor);
                    Channel channel = connection.createChannel()) {
                assertThat(channel.queueDeclarePassive(QUEUE).getMessageCount()).isEqualTo(MESSAGES);
                assertThat(bodies(channel))
                        .isEqualTo(IntStream.range(0, MESSAGES)
                                .mapToObj(Integer::toString)
                                .collect(Collectors.toSet()));
            } // Closing the channel returns the unacknowledged messages to the queue.

            long restarting = System.nanoTime();
            cluster.startNode(leader);
            report(
                    "restart of node " + leader + " (until cluster_status shows it running, its API answers)",
                    restarting);
            assertThat(cluster.runningNodes())
                    .containsExactlyInAnyOrder(cluster.nodeName(1), cluster.nodeName(2), cluster.nodeName(3));
            try (Connection connection = connect(cluster, leader);
                    Channel channel = connection.createChannel()) {
                assertThat(channel.queueDeclarePassive(QUEUE).getMessageCount()).isEqualTo(MESSAGES);
            }
            memory(cluster, "after the restart");

            // A crash: the (new) leader's VM killed outright.
            int crashed = awaitLeader(cluster, 0);
            long killing = System.nanoTime();
            cluster.killNode(crashed);
            report("kill of node " + crashed + " (the leader)", killing);
            int afterCrash = awaitLeader(cluster, crashed);
            report("new leader (node " + afterCrash + ") shown by the management API, from the kill", killing);
            try (Connection connection = connect(cluster, afterCrash);
                    Channel channel = connection.createChannel()) {
                assertThat(channel.queueDeclarePassive(QUEUE).getMessageCount()).isEqualTo(MESSAGES);
            }
            long recovering = System.nanoTime();
            cluster.startNode(crashed);
            report("restart of the killed node " + crashed, recovering);
            assertThat(cluster.runningNodes()).hasSize(3);
            pids = IntStream.rangeClosed(1, 3).mapToObj(cluster::pid).toList();

            long closing = System.nanoTime();
            cluster.close();
            report("close", closing);
        }
        assertThat(pids).noneMatch(RabbitNode::running);
        assertThat(RabbitNode.epmdNames()).noneMatch(name -> name.startsWith("c360c"));
    }

    /** The queue's leader once the management API names one other than {@code not} (0: any). */
    private static int awaitLeader(PrivateRabbitMqCluster cluster, int not) {
        // The API learns of a leader from the queue's statistics, emitted every 5 s.
        return await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .ignoreExceptions()
                .until(() -> cluster.leaderOf("/", QUEUE), found -> found > 0 && found != not);
    }

    /** When {@code node}'s management API first names a leader other than {@code old}, polled every 50 ms. */
    private static CompletableFuture<Long> watchForNewLeader(PrivateRabbitMqCluster cluster, int node, int old) {
        String path = "/api/queues/%2F/" + QUEUE;
        return CompletableFuture.supplyAsync(
                () -> {
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                    while (System.nanoTime() < deadline) {
                        try {
                            JsonNode queue = cluster.api(node).get(path);
                            String leader =
                                    queue == null ? "" : queue.path("leader").asText("");
                            if (!leader.isEmpty() && !leader.equals(cluster.nodeName(old))) {
                                return System.nanoTime();
                            }
                            Thread.sleep(50);
                        } catch (IOException e) {
                            // Asked again.
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            throw new IllegalStateException(e);
                        }
                    }
                    throw new IllegalStateException("No new leader within 60 s");
                },
                runnable -> new Thread(runnable, "leader-watch").start());
    }

    private static Connection connect(PrivateRabbitMqCluster cluster, int node) throws IOException, TimeoutException {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        factory.setPort(cluster.amqpPort(node));
        factory.setUsername("guest");
        factory.setPassword("guest");
        factory.setAutomaticRecoveryEnabled(false);
        return factory.newConnection("cluster-test-node" + node);
    }

    private static Set<String> bodies(Channel channel) throws IOException {
        Set<String> bodies = new HashSet<>();
        GetResponse response;
        while (bodies.size() <= MESSAGES && (response = channel.basicGet(QUEUE, false)) != null) {
            bodies.add(new String(response.getBody(), StandardCharsets.UTF_8));
        }
        return bodies;
    }

    private static void report(String what, long fromNanos) {
        report(what, fromNanos, System.nanoTime());
    }

    private static void report(String what, long fromNanos, long toNanos) {
        System.out.printf("[cluster] %s: %d ms%n", what, (toNanos - fromNanos) / 1_000_000);
    }

    /** RSS and PSS of each node's beam.smp, from /proc (the JIT maps its code twice: RSS counts it twice). */
    private static void memory(PrivateRabbitMqCluster cluster, String when) {
        StringBuilder line = new StringBuilder("[cluster] memory ").append(when).append(':');
        for (int node = 1; node <= cluster.size(); node++) {
            Path proc = Path.of("/proc", Long.toString(cluster.pid(node)));
            line.append(" node")
                    .append(node)
                    .append(" rss=")
                    .append(mb(proc.resolve("status"), "VmRSS:"))
                    .append(" pss=")
                    .append(mb(proc.resolve("smaps_rollup"), "Pss:"));
        }
        System.out.println(line);
    }

    private static String mb(Path file, String field) {
        try {
            return Files.readAllLines(file).stream()
                    .filter(line -> line.startsWith(field))
                    .findFirst()
                    .map(line -> Long.parseLong(line.substring(field.length())
                                            .replace("kB", "")
                                            .strip())
                                    / 1024 + "MB")
                    .orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }
}
