package io.comply360.notification.inapp;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.eclipse.microprofile.config.ConfigProvider;

/** A portal's EventSource, reduced: reads a text/event-stream and queues its events as they arrive. */
final class SseClient implements AutoCloseable {

    /** One event: its name, data, and when it arrived (System.nanoTime). */
    record Event(String name, String data, long arrivedAt) {}

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final CompletableFuture<HttpResponse<Stream<String>>> response;

    SseClient(String token) {
        int port = ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/v1/notifications/stream"))
                .header("Accept", "text/event-stream");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        response = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .build()
                .sendAsync(request.GET().build(), HttpResponse.BodyHandlers.ofLines());
        response.thenAccept(r -> {
            Thread reader = new Thread(() -> read(r.body()), "sse-client");
            reader.setDaemon(true);
            reader.start();
        });
    }

    private void read(Stream<String> lines) {
        String[] name = {"message"};
        StringBuilder data = new StringBuilder();
        try {
            lines.forEach(line -> {
                if (line.isEmpty()) {
                    if (!data.isEmpty()) {
                        events.add(new Event(name[0], data.toString(), System.nanoTime()));
                    }
                    name[0] = "message";
                    data.setLength(0);
                } else if (line.startsWith("event:")) {
                    name[0] = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5).strip());
                }
            });
        } catch (RuntimeException closed) {
            // the stream was closed
        }
    }

    /** The answer's status (read from the answer itself: the reader above may not have started yet). */
    int status() throws Exception {
        return response.get(10, TimeUnit.SECONDS).statusCode();
    }

    /** The next event named {@code name} within {@code timeout}, or null. */
    Event next(String name, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            Event event = events.poll(left, TimeUnit.NANOSECONDS);
            if (event == null) {
                return null;
            }
            if (event.name().equals(name)) {
                return event;
            }
        }
    }

    @Override
    public void close() {
        response.cancel(true);
        response.thenAccept(r -> r.body().close());
    }
}
