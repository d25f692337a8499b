package io.comply360.platform.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * One private RabbitMQ node: its name, ports and directory (config, data, logs), and the {@code rabbitmq-server} /
 * {@code rabbitmqctl} calls on it. What {@link PrivateRabbitMq} and {@link PrivateRabbitMqCluster} share.
 *
 * <p>Needs the Debian {@code rabbitmq-server} package and root: its scripts switch to the rabbitmq user (with
 * {@code su}, which keeps the {@code RABBITMQ_*} variables and sets HOME to /var/lib/rabbitmq), so every node and
 * every {@code rabbitmqctl} call uses that user's Erlang cookie, the one the machine's shared node uses too.
 */
final class RabbitNode {

    /** How long one {@code rabbitmqctl} call may take unless told otherwise. */
    static final Duration CTL_TIMEOUT = Duration.ofSeconds(120);

    private static final int EPMD_PORT = 4369;

    final String name;
    final Path home;
    final int amqpPort;
    final int managementPort;
    final int distPort;
    /** Extra emulator flags ({@code RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS}), or null. */
    private final String erlArgs;

    private RabbitNode(String name, Path home, int amqpPort, int managementPort, int distPort, String erlArgs) {
        this.name = name;
        this.home = home;
        this.amqpPort = amqpPort;
        this.managementPort = managementPort;
        this.distPort = distPort;
        this.erlArgs = erlArgs;
    }

    /**
     * Writes the node's config into {@code home} (created if missing): AMQP and management on loopback only, guest
     * allowed from there, the management plugin, and {@code extraConfig} (rabbitmq.conf lines). The directory
     * still has to be handed to the rabbitmq user ({@link #handToRabbitmqUser}) before the node starts.
     */
    static RabbitNode create(
            String name, Path home, int amqpPort, int managementPort, int distPort, String extraConfig, String erlArgs)
            throws IOException {
        Files.createDirectories(home);
        Files.writeString(home.resolve("rabbitmq.conf"), """
                listeners.tcp.default = 127.0.0.1:%d
                management.tcp.port = %d
                management.tcp.ip = 127.0.0.1
                loopback_users = none
                """.formatted(amqpPort, managementPort) + extraConfig);
        RabbitNode node = new RabbitNode(name, home, amqpPort, managementPort, distPort, erlArgs);
        node.plugins("rabbitmq_management");
        return node;
    }

    /** Sets the plugins the node enables when its app starts next (start or {@code start_app}). */
    void plugins(String... plugins) throws IOException {
        Files.writeString(home.resolve("enabled_plugins"), "[" + String.join(",", plugins) + "].\n");
    }

    /** The node runs as the rabbitmq user: it has to own its directory (and every directory above it we made). */
    static void handToRabbitmqUser(Path directory) {
        run(Duration.ofSeconds(30), "chown", "-R", "rabbitmq:rabbitmq", directory.toString());
    }

    Path logDirectory() {
        return home.resolve("log");
    }

    /**
     * Starts the node (again: the data directory is kept, so queues, messages and cluster membership survive) and
     * waits until it has booted completely.
     */
    void start(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        ProcessBuilder builder = new ProcessBuilder("rabbitmq-server", "-detached");
        Map<String, String> env = builder.environment();
        env.put("RABBITMQ_NODENAME", name);
        env.put("RABBITMQ_NODE_PORT", Integer.toString(amqpPort));
        env.put("RABBITMQ_DIST_PORT", Integer.toString(distPort));
        env.put("RABBITMQ_CONFIG_FILE", home.resolve("rabbitmq.conf").toString());
        env.put("RABBITMQ_ENABLED_PLUGINS_FILE", home.resolve("enabled_plugins").toString());
        env.put("RABBITMQ_MNESIA_BASE", home.resolve("mnesia").toString());
        env.put("RABBITMQ_LOG_BASE", logDirectory().toString());
        env.put("RABBITMQ_PID_FILE", home.resolve("pid").toString());
        if (erlArgs != null) {
            env.put("RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS", erlArgs);
        }
        Result launched = exec(builder, Duration.ofSeconds(30));
        if (!launched.ok()) {
            throw failure("could not be launched: " + launched);
        }
        // await_startup fails at once while the node is not known to epmd yet; asking epmd is cheap, a
        // rabbitmqctl call costs a second of CPU.
        while (!registered()) {
            if (Instant.now().isAfter(deadline)) {
                throw failure("did not come up (not registered with epmd) within " + timeout.toSeconds() + " s");
            }
            pause(200);
        }
        long left = Math.max(5, Duration.between(Instant.now(), deadline).toSeconds());
        Result started = ctl(Duration.ofSeconds(left + 30), "await_startup", "--timeout", Long.toString(left));
        if (!started.ok()) {
            throw failure("did not start: " + started);
        }
    }

    /**
     * Stops the whole node, as a shutdown would ({@code rabbitmqctl stop}, not just {@code stop_app}), and waits
     * until its process has exited. A node that is not running counts as stopped.
     */
    void stop(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        OptionalLong pid = pid();
        if (!alive(pid) && !registered()) {
            return;
        }
        Result stopped = ctl(timeout, "stop");
        while (alive(pid) || registered()) {
            if (Instant.now().isAfter(deadline)) {
                throw failure("did not stop within " + timeout.toSeconds() + " s (rabbitmqctl stop: " + stopped + ")");
            }
            pause(100);
        }
    }

    /**
     * Kills the node's Erlang VM (and its port programs) with SIGKILL, as a crash would, and waits until it is gone:
     * its peers see the distribution connection drop at once.
     */
    void kill(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        OptionalLong pid = pid();
        pid.stream().mapToObj(ProcessHandle::of).flatMap(Optional::stream).forEach(process -> {
            List<ProcessHandle> children = process.descendants().toList();
            process.destroyForcibly();
            children.forEach(ProcessHandle::destroyForcibly);
        });
        while (alive(pid) || registered()) {
            if (Instant.now().isAfter(deadline)) {
                throw failure("did not die within " + timeout.toSeconds() + " s of SIGKILL");
            }
            pause(50);
        }
    }

    /** The process id of the node's Erlang VM (beam.smp), while it runs. */
    OptionalLong pid() {
        try {
            OptionalLong pid = OptionalLong.of(
                    Long.parseLong(Files.readString(home.resolve("pid")).strip()));
            return alive(pid) ? pid : OptionalLong.empty();
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** {@code rabbitmqctl -q -n <node> args}; throws only when it times out. */
    Result ctl(Duration timeout, String... args) {
        List<String> command = new ArrayList<>(List.of("rabbitmqctl", "-q", "-n", name));
        command.addAll(List.of(args));
        return exec(new ProcessBuilder(command), timeout);
    }

    Result ctl(String... args) {
        return ctl(CTL_TIMEOUT, args);
    }

    /** An exception naming the node and where its logs are, with the log's last lines. */
    IllegalStateException failure(String what) {
        StringBuilder message = new StringBuilder("RabbitMQ node ")
                .append(name)
                .append(' ')
                .append(what)
                .append("; its logs are in ")
                .append(logDirectory());
        Path log = logDirectory().resolve(name + ".log");
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            message.append("; last lines of ").append(log.getFileName()).append(':');
            lines.subList(Math.max(0, lines.size() - 15), lines.size())
                    .forEach(line -> message.append("\n  ").append(line));
        } catch (IOException | UncheckedIOException e) {
            // No log (yet): the directory is named anyway.
        }
        return new IllegalStateException(message.toString());
    }

    /** Whether epmd knows the node, i.e. its VM runs with distribution up. */
    boolean registered() {
        return epmdNames().contains(name.substring(0, name.indexOf('@')));
    }

    /** The names epmd on this machine knows (NAMES_REQ), empty when epmd is not running. */
    static Set<String> epmdNames() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", EPMD_PORT), 2000);
            socket.setSoTimeout(2000);
            OutputStream out = socket.getOutputStream();
            out.write(new byte[] {0, 1, 'n'});
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] reply = in.readAllBytes();
            Set<String> names = new HashSet<>();
            // 4 bytes: epmd's port; then a line "name <name> at port <port>" per node.
            for (String line :
                    new String(reply, 4, Math.max(0, reply.length - 4), StandardCharsets.ISO_8859_1).split("\n")) {
                String[] words = line.split(" ");
                if (words.length >= 2 && words[0].equals("name")) {
                    names.add(words[1]);
                }
            }
            return names;
        } catch (IOException e) {
            return Set.of();
        }
    }

    /** Ports free on loopback right now, all different (the sockets are held until every one is found). */
    static int[] freePorts(int count) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0);
                sockets.add(socket);
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket socket : sockets) {
                socket.close();
            }
        }
    }

    /** Removes a node's (or a cluster's) directory; a leftover temp directory is harmless. */
    static void deleteQuietly(Path directory) {
        if (directory == null) {
            return;
        }
        try {
            run(Duration.ofSeconds(30), "rm", "-rf", directory.toString());
        } catch (RuntimeException e) {
            // Harmless, see above.
        }
    }

    static void run(Duration timeout, String... command) {
        Result result = exec(new ProcessBuilder(command), timeout);
        if (!result.ok()) {
            throw new IllegalStateException("Failed: " + String.join(" ", command) + ": " + result);
        }
    }

    /** Runs a command, its output (stdout and stderr) caught in a file: a detached child may keep a pipe open. */
    static Result exec(ProcessBuilder builder, Duration timeout) {
        Path output = null;
        try {
            output = Files.createTempFile("comply360-rabbit", ".out");
            Process process = builder.redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                // rabbitmqctl is a shell script running su running erl: kill them all.
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new IllegalStateException(
                        "Timed out after " + timeout.toSeconds() + " s: " + String.join(" ", builder.command()));
            }
            return new Result(
                    process.exitValue(),
                    Files.readString(output, StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            if (output != null) {
                try {
                    Files.deleteIfExists(output);
                } catch (IOException e) {
                    // A leftover temp file is harmless.
                }
            }
        }
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static boolean alive(OptionalLong pid) {
        return pid.isPresent() && running(pid.getAsLong());
    }

    /**
     * Whether the process runs: not gone, and not a zombie its parent has yet to reap (a killed node's VM is one
     * for a moment: its parent is init).
     */
    static boolean running(long pid) {
        if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // pid (comm) state ...: comm may hold spaces and parentheses, the state follows the last ')'.
            return !stat.substring(stat.lastIndexOf(')') + 1).strip().startsWith("Z");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** What a command answered. */
    record Result(int exitCode, String output) {

        boolean ok() {
            return exitCode == 0;
        }

        @Override
        public String toString() {
            return "exit " + exitCode + (output.isEmpty() ? "" : ", " + output);
        }
    }
}
