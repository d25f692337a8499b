package io.comply360.platform.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A RabbitMQ cluster of the test's own: {@code n} nodes on free loopback ports, each with its own data directory,
 * for fault tests that stop a node, e.g. the one leading a quorum queue, and start it again. The machine's shared
 * node is never touched. Needs the Debian {@code rabbitmq-server} package and root, like {@link PrivateRabbitMq}.
 *
 * <p>Nodes are numbered from 1; node 1 is the one the others joined. Every node has the management plugin and
 * lets guest/guest in from loopback; the default vhost is {@code /}. The Erlang VMs are kept light (one scheduler
 * each, a memory high watermark of 512 MB): 125-150 MB resident each (RSS, which counts the JIT's code twice; PSS
 * 90-112 MB). Three nodes start in 33-39 s on a busy 2-core machine, most of it the VMs' CPU-bound boot.
 *
 * <pre>{@code
 * try (PrivateRabbitMqCluster cluster = PrivateRabbitMqCluster.start(3)) {
 *     int leader = cluster.leaderOf("/", "orders");
 *     cluster.stopNode(leader);
 *     ...
 *     cluster.startNode(leader);
 * }
 * }</pre>
 */
public final class PrivateRabbitMqCluster implements AutoCloseable {

    /** One scheduler (and one dirty CPU scheduler) per VM: three nodes share a 2-core machine. */
    private static final String ERL_ARGS = "+S 1:1 +SDcpu 1:1 +SDio 2 +A 4";
    /** Far above what a test node uses, so no memory alarm blocks publishers; the default is 40 % of the RAM. */
    private static final String CONFIG = "vm_memory_high_watermark.absolute = 512MB\n";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration CLUSTER_TIMEOUT = Duration.ofSeconds(60);
    /** Names rabbitmqctl's wrapper script passes through {@code sh -c} unharmed. */
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9._-]+");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path root;
    private final List<RabbitNode> nodes;
    /** The nodes stopped or killed (read without the lock: leaderOf may run while a node stops). */
    private final Set<Integer> stopped = ConcurrentHashMap.newKeySet();

    private final Object joinLock = new Object();
    /** Kills the nodes should the JVM end before {@link #close}; takes no lock (the main thread may hold it). */
    private final Thread shutdownHook = new Thread(this::killAll, "private-rabbitmq-cluster-shutdown");

    private boolean closed;

    private PrivateRabbitMqCluster(Path root, List<RabbitNode> nodes) {
        this.root = root;
        this.nodes = nodes;
    }

    /**
     * Starts {@code size} nodes (in parallel), joins nodes 2..size to node 1, and returns once every node runs in
     * the cluster and answers on its management API. On failure nothing is left running.
     */
    public static PrivateRabbitMqCluster start(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("A cluster needs at least one node, not " + size);
        }
        PrivateRabbitMqCluster cluster;
        try {
            Path root = Files.createTempDirectory("comply360-rabbit-cluster");
            int[] ports = RabbitNode.freePorts(3 * size);
            List<RabbitNode> nodes = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                int amqpPort = ports[3 * i];
                RabbitNode node = RabbitNode.create(
                        "c360c" + amqpPort + "@localhost",
                        root.resolve("node" + (i + 1)),
                        amqpPort,
                        ports[3 * i + 1],
                        ports[3 * i + 2],
                        CONFIG,
                        ERL_ARGS);
                if (i > 0) {
                    // The management plugin makes stop_app (before join_cluster) 5 s slower: enabled after joining.
                    node.plugins();
                }
                nodes.add(node);
            }
            RabbitNode.handToRabbitmqUser(root);
            cluster = new PrivateRabbitMqCluster(root, nodes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Runtime.getRuntime().addShutdownHook(cluster.shutdownHook);
        try {
            cluster.forEachInParallel(node -> cluster.node(node).start(START_TIMEOUT));
            cluster.forEachInParallel(node -> {
                if (node > 1) {
                    cluster.join(node);
                }
            });
            cluster.awaitClusterRunning();
            for (int node = 1; node <= size; node++) {
                cluster.awaitManagement(node);
            }
            return cluster;
        } catch (RuntimeException e) {
            try {
                cluster.close();
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** How many nodes the cluster has (running or not). */
    public int size() {
        return nodes.size();
    }

    public int amqpPort(int node) {
        return node(node).amqpPort;
    }

    public int managementPort(int node) {
        return node(node).managementPort;
    }

    /** The Erlang node name, e.g. {@code c360c41234@localhost}: what the management API and rabbitmqctl show. */
    public String nodeName(int node) {
        return node(node).name;
    }

    /** The node a name (as the management API or {@code cluster_status} gives it) stands for, 1.., or -1. */
    public int indexOf(String nodeName) {
        for (int i = 0; i < nodes.size(); i++) {
            if (nodes.get(i).name.equals(nodeName)) {
                return i + 1;
            }
        }
        return -1;
    }

    /** guest on that node's management API. */
    public PrivateRabbitMqApi api(int node) {
        return PrivateRabbitMqApi.guest(managementPort(node));
    }

    /** The process id of the node's Erlang VM (beam.smp), e.g. to read its memory from /proc. */
    public long pid(int node) {
        return node(node).pid().orElseThrow(() -> node(node).failure("is not running"));
    }

    /** Whether the node runs, as far as this class knows: not stopped or killed since it last started. */
    public boolean isRunning(int node) {
        node(node);
        return !stopped.contains(node);
    }

    /**
     * Stops the whole node, as a shutdown would ({@code rabbitmqctl stop}; {@code stop_app} would leave the Erlang
     * VM up), and waits until its process has exited: about 7 s, 5 of them the management plugin's on RabbitMQ
     * 3.10. Its data directory stays for {@link #startNode}.
     */
    public synchronized void stopNode(int node) {
        node(node).stop(STOP_TIMEOUT);
        stopped.add(node);
    }

    /**
     * Kills the node's Erlang VM with SIGKILL, as a crash (or a pulled plug) would, and waits until it is gone. Its
     * data directory stays for {@link #startNode}, which then recovers it.
     */
    public synchronized void killNode(int node) {
        node(node).kill(STOP_TIMEOUT);
        stopped.add(node);
    }

    /**
     * Starts a stopped (or killed) node again on its data directory: it rejoins the cluster. Returns once the
     * cluster shows it running and its management API answers.
     */
    public synchronized void startNode(int node) {
        node(node).start(START_TIMEOUT);
        stopped.remove(node);
        awaitClusterRunning();
        awaitManagement(node);
    }

    /** The names of the nodes running in the cluster, by {@code rabbitmqctl cluster_status} on a running node. */
    public List<String> runningNodes() {
        List<String> failures = new ArrayList<>();
        for (int node = 1; node <= nodes.size(); node++) {
            if (!isRunning(node)) {
                continue;
            }
            RabbitNode.Result status = node(node).ctl("cluster_status", "--formatter", "json");
            if (!status.ok()) {
                failures.add(nodeName(node) + ": " + status);
                continue;
            }
            try {
                List<String> running = new ArrayList<>();
                JSON.readTree(status.output()).path("running_nodes").forEach(name -> running.add(name.asText()));
                return running;
            } catch (IOException e) {
                failures.add(
                        nodeName(node) + ": unreadable cluster_status (" + e.getMessage() + "): " + status.output());
            }
        }
        throw new IllegalStateException(
                "No node of the cluster answers cluster_status: " + failures + "; logs are in " + root);
    }

    /**
     * Which node leads a quorum queue, by the {@code leader} the management API of a running node reports for it.
     * Right after a leader change the API may name the old leader, or none, for a moment: poll until it names
     * another node.
     *
     * @throws IllegalStateException when the queue does not exist, no leader is reported (yet), or no node answers
     */
    public int leaderOf(String vhost, String queue) {
        List<String> failures = new ArrayList<>();
        for (int node = 1; node <= nodes.size(); node++) {
            if (!isRunning(node)) {
                continue;
            }
            JsonNode found;
            try {
                found = api(node)
                        .get("/api/queues/" + PrivateRabbitMqApi.encode(vhost) + "/"
                                + PrivateRabbitMqApi.encode(queue));
            } catch (IOException e) {
                failures.add(nodeName(node) + ": " + e);
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            if (found == null) {
                throw new IllegalStateException(
                        "No queue " + queue + " in vhost " + vhost + " (asked " + nodeName(node) + ")");
            }
            String leader = found.path("leader").asText("");
            if (leader.isEmpty()) {
                throw new IllegalStateException("No leader reported (yet) for queue " + queue + " in vhost " + vhost
                        + " (asked " + nodeName(node) + "; is it a quorum queue?)");
            }
            int index = indexOf(leader);
            if (index < 0) {
                throw new IllegalStateException(
                        "Queue " + queue + " is led by " + leader + ", not a node of this cluster");
            }
            return index;
        }
        throw new IllegalStateException("No running node's management API answers: " + failures);
    }

    /** Adds a vhost (names of letters, digits, '.', '_', '-') with all rights for guest, cluster-wide. */
    public synchronized void createVhost(String vhost) {
        if (!PLAIN_NAME.matcher(vhost).matches()) {
            throw new IllegalArgumentException("Not a plain vhost name: " + vhost);
        }
        RabbitNode node = node(firstRunning());
        ctlOrFail(node, "add_vhost", vhost);
        ctlOrFail(node, "set_permissions", "-p", vhost, "guest", ".*", ".*", ".*");
    }

    /**
     * Kills every node (their data goes with them: no need for a graceful stop, which costs the management plugin
     * 5 s) and removes the cluster's directories.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // The JVM is shutting down already.
            }
        }
        killAll();
    }

    private void killAll() {
        try {
            forEachInParallel(node -> node(node).kill(STOP_TIMEOUT));
        } finally {
            RabbitNode.deleteQuietly(root);
        }
    }

    private RabbitNode node(int node) {
        if (node < 1 || node > nodes.size()) {
            throw new IllegalArgumentException("No node " + node + ": the cluster has nodes 1.." + nodes.size());
        }
        return nodes.get(node - 1);
    }

    private int firstRunning() {
        for (int node = 1; node <= nodes.size(); node++) {
            if (isRunning(node)) {
                return node;
            }
        }
        throw new IllegalStateException("Every node of the cluster is stopped");
    }

    /**
     * {@code stop_app}, {@code join_cluster <node 1>}, {@code start_app} on the node, now with the management
     * plugin. Nodes stop their app in parallel, then join (and start) one at a time: two nodes changing the
     * cluster's schema at once is asking for trouble.
     */
    private void join(int node) {
        RabbitNode joining = node(node);
        ctlOrFail(joining, "stop_app");
        synchronized (joinLock) {
            ctlOrFail(joining, "join_cluster", nodeName(1));
            try {
                joining.plugins("rabbitmq_management");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            ctlOrFail(joining, "start_app");
        }
    }

    private static void ctlOrFail(RabbitNode node, String... command) {
        RabbitNode.Result result = node.ctl(command);
        if (!result.ok()) {
            throw node.failure("could not " + String.join(" ", command) + ": " + result);
        }
    }

    /** Waits until {@code cluster_status} shows exactly the nodes not stopped running. */
    private void awaitClusterRunning() {
        Set<String> expected = new HashSet<>();
        for (int node = 1; node <= nodes.size(); node++) {
            if (isRunning(node)) {
                expected.add(nodeName(node));
            }
        }
        Instant deadline = Instant.now().plus(CLUSTER_TIMEOUT);
        Set<String> running = Set.of();
        while (Instant.now().isBefore(deadline)) {
            running = new HashSet<>(runningNodes());
            if (running.equals(expected)) {
                return;
            }
            RabbitNode.pause(500);
        }
        throw new IllegalStateException("The cluster shows " + running + " running, not " + expected + ", after "
                + CLUSTER_TIMEOUT.toSeconds() + " s; logs are in " + root + "/node*/log");
    }

    private void awaitManagement(int node) {
        Instant deadline = Instant.now().plus(CLUSTER_TIMEOUT);
        String last = "";
        while (Instant.now().isBefore(deadline)) {
            try {
                if (api(node).get("/api/overview") != null) {
                    return;
                }
                last = "404";
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            RabbitNode.pause(250);
        }
        throw node(node).failure("does not answer on its management API (port " + managementPort(node) + "): " + last);
    }

    /** Runs the action for every node at once; throws the first failure, the others suppressed in it. */
    private void forEachInParallel(IntConsumer action) {
        ExecutorService pool = Executors.newFixedThreadPool(nodes.size(), runnable -> {
            Thread thread = new Thread(runnable, "private-rabbitmq-cluster");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int node = 1; node <= nodes.size(); node++) {
                int index = node;
                futures.add(pool.submit(() -> action.accept(index)));
            }
            RuntimeException failure = null;
            for (Future<?> future : futures) {
                try {
                    future.get();
                } catch (ExecutionException e) {
                    RuntimeException cause = e.getCause() instanceof RuntimeException runtime
                            ? runtime
                            : new IllegalStateException(e.getCause());
                    if (failure == null) {
                        failure = cause;
                    } else {
                        failure.addSuppressed(cause);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
            if (failure != null) {
                throw failure;
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
