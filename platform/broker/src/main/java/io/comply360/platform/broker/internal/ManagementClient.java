package io.comply360.platform.broker.internal;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The few calls to RabbitMQ's management API we need: policies (TTLs, dead-lettering, alternate exchanges)
 * and the vhost's queues (types, depths). Blocking: call through {@code BlockingCalls} or from a worker thread.
 */
public class ManagementClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final String baseUrl;
    private final String vhost;
    private final String authorization;

    public ManagementClient(BrokerConfig config) {
        String baseUrl = config.managementUrl();
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.vhost = URLEncoder.encode(config.vhost(), StandardCharsets.UTF_8);
        this.authorization = "Basic "
                + Base64.getEncoder()
                        .encodeToString((config.username() + ":" + config.password()).getBytes(StandardCharsets.UTF_8));
    }

    /** Creates or replaces a policy of the vhost. */
    public void putPolicy(String name, String pattern, String applyTo, int priority, Map<String, Object> definition)
            throws IOException, InterruptedException {
        Map<String, Object> body =
                Map.of("pattern", pattern, "apply-to", applyTo, "priority", priority, "definition", definition);
        send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/policies/" + vhost + "/"
                        + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20")))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))));
    }

    /** A queue of the vhost: its type ({@code quorum}, {@code classic}, ...) and messages (ready + unacknowledged). */
    public record QueueInfo(String type, long messages) {}

    /** The queues of the vhost by name. Message counts come from statistics: a few seconds old, 0 when none yet. */
    public Map<String, QueueInfo> queues() throws IOException, InterruptedException {
        JsonNode queues = JSON.readTree(send(
                HttpRequest.newBuilder(URI.create(baseUrl + "/api/queues/" + vhost + "?columns=name,type,messages"))
                        .GET()));
        Map<String, QueueInfo> all = new HashMap<>();
        for (JsonNode queue : queues) {
            all.put(
                    queue.path("name").asText(),
                    new QueueInfo(
                            queue.path("type").asText(), queue.path("messages").asLong(0)));
        }
        return all;
    }

    private String send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                request.header("Authorization", authorization)
                        .header("Content-Type", "application/json")
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IOException("RabbitMQ management API answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }
}
