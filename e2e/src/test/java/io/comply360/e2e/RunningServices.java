package io.comply360.e2e;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.comply360.platform.testkit.ServiceManifest;
import io.comply360.platform.testkit.ServiceManifest.Entry;

/**
 * Every service of {@code services.json} as dev/up runs them (their built jars, profile dev), but on free ports,
 * on the test databases and the test vhost, so that a dev/up stack on the fixed ports is left alone. A service with
 * a {@code worker} in the manifest also gets its worker, {@code <name>-worker}: the same jar with the worker's
 * profile added to dev, on free ports of its own, with the service's settings, started once the service is ready.
 * Keycloak, PostgreSQL, RabbitMQ and Redis are the ones dev/test ensures. Started together (in parallel)
 * before the first test class that registers this extension (with the demo tenants in place) and shared by
 * every such class of the run, stopped when the run ends; each service logs to
 * {@code e2e/target/services/<name>.log}. Classes sharing them must leave them as they found them (no stopped
 * services, no tenants suspended).
 *
 * <pre>
 * &#64;RegisterExtension
 * static final RunningServices services = new RunningServices();
 * </pre>
 */
final class RunningServices implements BeforeAllCallback {

    private static final Path ROOT =
            Path.of(System.getProperty("comply360.root", "..")).toAbsolutePath().normalize();
    private static final Path LOGS = Path.of(System.getProperty("comply360.services.logs", "target/services"))
            .toAbsolutePath()
            .normalize();
    private static final Duration READY_WITHIN =
            Duration.ofSeconds(Long.getLong("comply360.services.ready-seconds", 120));
    private static final Duration STOP_WITHIN = Duration.ofSeconds(20);
    private static final int LOG_TAIL_LINES = 60;
    /** The manifest's name of the gateway. */
    private static final String GATEWAY = "gateway";

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(RunningServices.class);

    private Stack stack;

    /** The gateway's base URL (send a tenant's {@code Host} header with each request). */
    String gatewayUrl() {
        return stack.gateway().url();
    }

    /** A request through the gateway to an agency's host (e.g. {@code acme.localhost:8080}), signed in when given a token. */
    io.restassured.specification.RequestSpecification at(String host, String token) {
        io.restassured.specification.RequestSpecification request =
                io.restassured.RestAssured.given().baseUri(gatewayUrl()).header("Host", host);
        return token == null ? request : request.auth().oauth2(token);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        // The root store lives as long as the run and closes what it holds (AutoCloseable) when the run ends.
        stack = context.getRoot().getStore(NAMESPACE).computeIfAbsent(Stack.class, key -> Stack.launch(), Stack.class);
    }

    /** The launched services of this run; closing stops them. */
    private static final class Stack implements AutoCloseable {

        private final List<Service> started = new ArrayList<>();
        private final Thread killOnExit =
                new Thread(() -> started.forEach(s -> s.process().destroyForcibly()), "stop-e2e-services");
        private Service gateway;

        Service gateway() {
            return gateway;
        }

        static Stack launch() {
            Stack stack = new Stack();
            try {
                stack.start();
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("The services could not be launched: " + e, e);
            }
            return stack;
        }

        /**
         * Every service of {@code services.json}, as dev/up runs them: those the gateway routes to first, then the
         * rest (the gateway), each on its test database and the test vhost; then the workers of those that have one.
         */
        private void start() throws Exception {
            List<Entry> services = new ArrayList<>(ServiceManifest.read().services());
            Map<String, Worker> workers = workers();
            // The gateway last: it is given the addresses of the services it routes to.
            services.sort(Comparator.comparing(entry -> entry.name().equals(GATEWAY)));
            Map<String, Path> jars = new LinkedHashMap<>();
            for (Entry entry : services) {
                jars.put(entry.name(), jarOf(entry.module()));
            }
            Files.createDirectories(LOGS);
            Runtime.getRuntime().addShutdownHook(killOnExit);
            // Taken together: ports of a closed socket could be handed out again by a second call.
            int[] taken = freePorts(2 * (services.size() + workers.size()));
            int nextPort = 2 * services.size();
            Map<String, String> upstreams = new LinkedHashMap<>();
            // Each service as launched, in the order of services, with the settings it was given (its worker's too).
            List<Service> launched = new ArrayList<>();
            List<Map<String, String>> configs = new ArrayList<>();
            try {
                for (int i = 0; i < services.size(); i++) {
                    Entry entry = services.get(i);
                    Map<String, String> config = new LinkedHashMap<>();
                    config.put("comply360.messaging.vhost", "comply360-test");
                    // Documents of the e2e stack in a bucket of their own, apart from dev/up's and the module tests'.
                    config.put("comply360.document.bucket", "comply360-documents-e2e");
                    config.put("quarkus.oidc.auth-server-url", LocalStack.REALM);
                    if (entry.database() != null) {
                        config.putAll(testDatabase(entry.database()));
                    }
                    if (entry.name().equals(GATEWAY)) {
                        upstreams.forEach((name, url) -> config.put("comply360.gateway.upstreams." + name, url));
                    } else {
                        // Services that call another's /internal API (registration → tenant) find it here.
                        upstreams.forEach((name, url) -> config.put("comply360.upstreams." + name, url));
                    }
                    Service service = start(
                            entry.module(), jars.get(entry.name()), "dev", taken[2 * i], taken[2 * i + 1], config);
                    launched.add(service);
                    configs.add(config);
                    if (entry.upstream()) {
                        upstreams.put(entry.name(), service.url());
                    }
                    if (entry.name().equals(GATEWAY)) {
                        gateway = service;
                    }
                }
                // All start at once; each is awaited in turn, so the slowest one sets the pace.
                List<Service> launchedWorkers = new ArrayList<>();
                for (int i = 0; i < launched.size(); i++) {
                    Service service = launched.get(i);
                    service.awaitReady();
                    if (service.name().equals("tenant-service")) {
                        // After tenant-service's migrations, before the gateway looks any tenant up (it caches what
                        // it finds).
                        TenantDatabase.ensureDemoTenants();
                    }
                    // Its worker once it is ready, as dev/up starts it: the database is migrated (and whatever the
                    // service creates at start exists) before a second process of the same build starts.
                    Entry entry = services.get(i);
                    Worker worker = workers.get(entry.name());
                    if (worker != null) {
                        launchedWorkers.add(start(
                                entry.name() + "-worker",
                                jars.get(entry.name()),
                                "dev," + worker.profile(),
                                taken[nextPort++],
                                taken[nextPort++],
                                configs.get(i)));
                    }
                }
                for (Service worker : launchedWorkers) {
                    worker.awaitReady();
                }
            } catch (Exception | AssertionError e) {
                close();
                throw e;
            }
        }

        private Service start(
                String name, Path jar, String profile, int port, int managementPort, Map<String, String> config)
                throws IOException {
            Service service = Service.launch(name, jar, profile, port, managementPort, config);
            started.add(service);
            return service;
        }

        @Override
        public void close() {
            for (Service service : started) {
                service.stop();
            }
            started.clear();
            try {
                Runtime.getRuntime().removeShutdownHook(killOnExit);
            } catch (IllegalStateException | IllegalArgumentException alreadyGoneOrExiting) {
                // The JVM is exiting (the hook runs anyway) or the hook was already removed.
            }
        }
    }

    /**
     * A service's worker ({@code "worker"} of its manifest entry): the same build with {@code profile} added to the
     * service's own, on a port of its own (dev/up: {@code port}; here a free one), consuming the service's queues.
     */
    record Worker(String profile, int port) {}

    /**
     * The workers of {@code services.json} by service name. Read here from the file itself: the test kit's
     * {@link ServiceManifest.Entry} does not carry the optional {@code worker}.
     */
    static Map<String, Worker> workers() throws IOException {
        Map<String, Worker> workers = new LinkedHashMap<>();
        JsonNode manifest =
                new ObjectMapper().readTree(ROOT.resolve(ServiceManifest.FILE).toFile());
        for (JsonNode service : manifest.path("services")) {
            JsonNode worker = service.path("worker");
            if (worker.isObject()) {
                workers.put(
                        service.path("name").asText(),
                        new Worker(
                                worker.path("profile").asText("worker"),
                                worker.path("port").asInt()));
            }
        }
        return workers;
    }

    /** The test database dev/test creates for {@code database}, with its roles (passwords are the role names). */
    static Map<String, String> testDatabase(String database) {
        String url = "postgresql://127.0.0.1:5432/" + database + "_test";
        return Map.of(
                "quarkus.datasource.reactive.url",
                url,
                "quarkus.datasource.jdbc.url",
                "jdbc:" + url,
                "quarkus.datasource.username",
                database + "_app",
                "quarkus.datasource.password",
                database + "_app",
                "quarkus.flyway.username",
                database + "_owner",
                "quarkus.flyway.password",
                database + "_owner");
    }

    static Path jarOf(String module) {
        Path jar = ROOT.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("No " + jar + ": the end-to-end tests run the built services. Build them"
                    + " first with ./mvnw package -DskipTests"
                    + " (a full ./mvnw verify, as dev/test runs it, builds them before e2e).");
        }
        return jar;
    }

    static int[] freePorts(int count) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                sockets.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
            }
            return sockets.stream().mapToInt(ServerSocket::getLocalPort).toArray();
        } finally {
            for (ServerSocket socket : sockets) {
                socket.close();
            }
        }
    }

    /**
     * One launched service process: {@code java -jar} of its built jar, profile dev (a worker: dev and the worker's),
     * logging to its own file.
     */
    record Service(String name, int port, int managementPort, Process process, Path log, Instant startedAt) {

        /** Starts {@code jar} as {@code name} on the ports, with {@code config} as system properties. */
        static Service launch(String name, Path jar, int port, int managementPort, Map<String, String> config)
                throws IOException {
            return launch(name, jar, "dev", port, managementPort, config);
        }

        /** Starts {@code jar} as {@code name} with the Quarkus {@code profile} (e.g. {@code dev,worker}). */
        static Service launch(
                String name, Path jar, String profile, int port, int managementPort, Map<String, String> config)
                throws IOException {
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Dquarkus.profile=" + profile,
                    "-Dquarkus.http.host=127.0.0.1",
                    "-Dquarkus.http.port=" + port,
                    "-Dquarkus.management.host=127.0.0.1",
                    "-Dquarkus.management.port=" + managementPort));
            config.forEach((key, value) -> command.add("-D" + key + "=" + value));
            command.addAll(List.of("-jar", jar.toString()));
            Files.createDirectories(LOGS);
            Path log = LOGS.resolve(name + ".log");
            Process process = new ProcessBuilder(command)
                    .directory(ROOT.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            return new Service(name, port, managementPort, process, log, Instant.now());
        }

        /** Kills the process at once (SIGKILL), as the kernel's OOM killer or a crash would, and waits for it. */
        void kill() throws InterruptedException {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }

        String url() {
            return "http://127.0.0.1:" + port;
        }

        /** Polls readiness until it is UP; fails with the end of the log if the service dies or takes too long. */
        void awaitReady() {
            HttpRequest ready = HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + managementPort + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(5))
                    .GET()
                    .build();
            String[] lastAnswer = {"no answer"};
            try {
                Duration left = Duration.between(Instant.now(), startedAt.plus(READY_WITHIN));
                await().atMost(left.isNegative() ? Duration.ofMillis(1) : left)
                        .pollInterval(Duration.ofMillis(250))
                        .until(() -> {
                            if (!process.isAlive()) {
                                throw new AssertionError(name + " exited with code " + process.exitValue()
                                        + " before it was ready. " + logTail());
                            }
                            try {
                                HttpResponse<String> response = LocalStack.send(ready);
                                lastAnswer[0] = response.statusCode() + " " + response.body();
                                return response.statusCode() == 200;
                            } catch (ConnectException | HttpTimeoutException notListeningYet) {
                                lastAnswer[0] = notListeningYet.toString();
                                return false;
                            }
                        });
            } catch (ConditionTimeoutException e) {
                throw new AssertionError(name + " was not ready within " + READY_WITHIN.toSeconds()
                        + " s (last answer: " + lastAnswer[0] + "). " + logTail());
            }
            System.out.printf(
                    "%s ready on port %d after %.1f s%n",
                    name, port, Duration.between(startedAt, Instant.now()).toMillis() / 1000.0);
        }

        String logTail() {
            try {
                String text = new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
                if (text.isBlank()) {
                    return "Its log " + log + " is empty.";
                }
                List<String> lines = Arrays.asList(text.split("\n"));
                return "Its log " + log + " ends with:\n"
                        + String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
            } catch (IOException e) {
                return "Its log " + log + " cannot be read: " + e;
            }
        }

        void stop() {
            process.destroy();
            try {
                if (!process.waitFor(STOP_WITHIN.toSeconds(), TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
