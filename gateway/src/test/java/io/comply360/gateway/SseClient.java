package io.comply360.gateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A client of a Server-Sent Events stream over a plain socket (any {@code Host}, cookies as a browser sends them),
 * that sees each event the moment it arrives: a thread reads the chunked answer as it comes and queues its
 * {@code data:} lines. An answer that is not a stream is read whole ({@link #body()}).
 */
final class SseClient implements AutoCloseable {

    private final Socket socket;
    private final int status;
    private final Map<String, String> headers = new HashMap<>();
    private final BlockingQueue<String> data = new LinkedBlockingQueue<>();
    private volatile boolean ended;
    private String body;

    private SseClient(int port, String host, String uri, Map<String, String> requestHeaders) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(30_000);
        StringBuilder head =
                new StringBuilder("GET " + uri + " HTTP/1.1\r\nHost: " + host + "\r\nAccept: text/event-stream\r\n");
        requestHeaders.forEach(
                (name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        OutputStream out = socket.getOutputStream();
        out.write((head + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        InputStream in = socket.getInputStream();
        status = Integer.parseInt(line(in).split(" ")[1]);
        for (String line = line(in); line != null && !line.isEmpty(); line = line(in)) {
            int colon = line.indexOf(':');
            headers.put(
                    line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    line.substring(colon + 1).trim());
        }
        if (status == 200 && "chunked".equalsIgnoreCase(header("Transfer-Encoding"))) {
            Thread reader = new Thread(() -> readEvents(in), "sse-client");
            reader.setDaemon(true);
            reader.start();
        } else {
            body = new String(
                    in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0"))),
                    StandardCharsets.UTF_8);
        }
    }

    /** Opens {@code uri} on the gateway as {@code host}; returns once the answer's headers are in. */
    static SseClient open(int port, String host, String uri, Map<String, String> headers) {
        try {
            return new SseClient(port, host, uri, headers);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int status() {
        return status;
    }

    String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** The whole body of an answer that is not a stream. */
    String body() {
        return body;
    }

    /** The next event's data, waiting at most {@code within}; null if none came. */
    String nextData(Duration within) throws InterruptedException {
        return data.poll(within.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Whether the stream has ended (its last chunk, or the connection closed). */
    boolean ended() {
        return ended;
    }

    private void readEvents(InputStream in) {
        ByteArrayOutputStream pending = new ByteArrayOutputStream();
        try {
            for (String size = line(in); size != null; size = line(in)) {
                int length = Integer.parseInt(size.trim(), 16);
                if (length == 0) {
                    break;
                }
                for (byte b : in.readNBytes(length)) {
                    if (b == '\n') {
                        String text = pending.toString(StandardCharsets.UTF_8);
                        pending.reset();
                        if (text.startsWith("data:")) {
                            data.add(text.substring("data:".length()).trim());
                        }
                    } else {
                        pending.write(b);
                    }
                }
                line(in);
            }
        } catch (IOException | RuntimeException closed) {
            // The connection closed under the stream: it has ended all the same.
        }
        ended = true;
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                return line.isEmpty() ? null : line.toString();
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    /** Goes away, as a closed browser tab does: the connection is closed. */
    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
