package io.comply360.platform.testkit;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.function.IntSupplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The management API of the {@link PrivateRabbitMq} node (or, see {@link #guest(int)}, of a
 * {@link PrivateRabbitMqCluster} node or the machine's own broker), as tests use it to arrange faults and to look at what the service did (policies, queues,
 * connections).
 */
public final class PrivateRabbitMqApi {

    /** The account the service under test uses. */
    public static final PrivateRabbitMqApi GUEST =
            new PrivateRabbitMqApi("guest", "guest", PrivateRabbitMq::managementPort);

    private static final ObjectMapper JSON = new ObjectMapper();
    // HTTP/1.1: the management API drops requests with a body that offer an h2c upgrade (EOF).
    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final String ADMIN = "messaging-test-admin";

    private final String authorization;
    private final IntSupplier port;

    private PrivateRabbitMqApi(String username, String password, IntSupplier port) {
        this.authorization = "Basic "
                + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        this.port = port;
    }

    /** guest on the management API listening on that loopback port, e.g. a {@link PrivateRabbitMqCluster} node's. */
    public static PrivateRabbitMqApi guest(int managementPort) {
        return new PrivateRabbitMqApi("guest", "guest", () -> managementPort);
    }

    /** An administrator besides guest, so a test can take guest's rights away and give them back. */
    public static PrivateRabbitMqApi admin() throws IOException, InterruptedException {
        GUEST.put("/api/users/" + ADMIN, Map.of("password", ADMIN, "tags", "administrator"));
        GUEST.put("/api/permissions/%2F/" + ADMIN, Map.of("configure", ".*", "write", ".*", "read", ".*"));
        return new PrivateRabbitMqApi(ADMIN, ADMIN, PrivateRabbitMq::managementPort);
    }

    /** A path segment, e.g. a vhost ("/" is "%2F"). */
    static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The JSON answer, or null for 404. */
    public JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri(path)).GET());
        return response.statusCode() == 404 ? null : JSON.readTree(response.body());
    }

    public void put(String path, Object body) throws IOException, InterruptedException {
        send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))));
    }

    public void delete(String path) throws IOException, InterruptedException {
        send(HttpRequest.newBuilder(uri(path)).DELETE());
    }

    /** Closes every client connection from the broker's side, as a crash or network cut would. */
    public void closeAllConnections() throws IOException, InterruptedException {
        // The API lists a connection only after its first statistics emission (every 5 s): one just opened,
        // e.g. after a broker restart, is not there yet.
        JsonNode[] connections = new JsonNode[1];
        await().atMost(Duration.ofSeconds(15)).until(() -> !(connections[0] = get("/api/connections")).isEmpty());
        for (JsonNode connection : connections[0]) {
            delete("/api/connections/" + encode(connection.path("name").asText()));
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port.getAsInt() + path);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response =
                HTTP.send(request.header("Authorization", authorization).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300 && response.statusCode() != 404) {
            throw new IOException(request.build().method() + " "
                    + request.build().uri() + " answered " + response.statusCode() + ": " + response.body());
        }
        return response;
    }
}
