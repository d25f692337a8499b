package io.comply360.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * HTTP/1.1 over a plain socket, for requests that well-behaved clients refuse to send or silently repair: a
 * malformed Host, dot segments and encoded slashes in the path, made-up methods, endless chunked bodies.
 */
final class RawHttp {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What came back to {@code request} (its first line): status, headers (names in lower case), body as text. */
    record Answer(String request, int status, Map<String, String> headers, String body) {

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }

        /** A problem+json answer with this status (the body's status too). */
        Answer assertProblem(int expected) {
            assertThat(status).as("status of %s: %s", request, body).isEqualTo(expected);
            assertThat(header("Content-Type"))
                    .as("content type of a %d to %s", status, request)
                    .startsWith("application/problem+json");
            assertThat(json().path("status").asInt()).isEqualTo(expected);
            assertThat(json().path("type").asText()).startsWith("urn:comply360:problem:");
            return this;
        }
    }

    private RawHttp() {}

    /** Sends {@code head} (request line and headers, without the blank line) and an optional body. */
    static Answer send(int port, String head, byte[] body) {
        return sendFrom("127.0.0.1", port, head, body);
    }

    /** As {@link #send(int, String, byte[])}, from another loopback address (127.0.0.2): another sender. */
    static Answer sendFrom(String from, int port, String head, byte[] body) {
        try {
            return send(InetAddress.getByName(from), port, head, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Answer send(InetAddress from, int port, String head, byte[] body) throws IOException {
        try (Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), port, from, 0)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write((head + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                out.write(body);
            }
            out.flush();
            return read(firstLine(head), socket.getInputStream());
        }
    }

    static Answer send(int port, String head) {
        return send(port, head, null);
    }

    /**
     * Sends {@code head} with {@code Transfer-Encoding: chunked}, then chunks of 16 KB until {@code total} bytes
     * were offered or the server stops taking them; reads the answer meanwhile (a server that refuses a body
     * answers before it has read all of it).
     */
    static Answer sendChunked(int port, String head, long total) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            InputStream in = socket.getInputStream();
            CompletableFuture<Answer> answer = CompletableFuture.supplyAsync(() -> {
                try {
                    return read(firstLine(head), in);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            OutputStream out = socket.getOutputStream();
            try {
                out.write((head + "\r\nTransfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                byte[] chunk = new byte[16 * 1024];
                Arrays.fill(chunk, (byte) 'x');
                for (long sent = 0; sent < total && !answer.isDone(); sent += chunk.length) {
                    out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    out.write(chunk);
                    out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                }
                if (!answer.isDone()) {
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                }
            } catch (IOException closedByServer) {
                // The server answered and closed while we were still sending: the answer is what counts.
            }
            return answer.join();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends {@code head} and the first chunk of a chunked body, then nothing more: a client that stalls. */
    static Answer sendAndStall(int port, String head, int firstChunk) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            byte[] chunk = new byte[firstChunk];
            Arrays.fill(chunk, (byte) ' ');
            out.write((head + "\r\nTransfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(firstChunk) + "\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.write(chunk);
            out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return read(firstLine(head), socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String firstLine(String head) {
        int end = head.indexOf("\r\n");
        return end < 0 ? head : head.substring(0, end);
    }

    private static Answer read(String request, InputStream in) throws IOException {
        String statusLine = line(in);
        if (statusLine == null) {
            throw new IOException("the connection closed without an answer");
        }
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        Map<String, String> headers = new HashMap<>();
        for (String line = line(in); line != null && !line.isEmpty(); line = line(in)) {
            int colon = line.indexOf(':');
            headers.merge(
                    line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    line.substring(colon + 1).trim(),
                    (a, b) -> a + ", " + b);
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (headers.containsKey("content-length")) {
            body.write(in.readNBytes(Integer.parseInt(headers.get("content-length"))));
        } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            for (int size = Integer.parseInt(line(in).trim(), 16);
                    size > 0;
                    size = Integer.parseInt(line(in).trim(), 16)) {
                body.write(in.readNBytes(size));
                line(in);
            }
        }
        return new Answer(request, status, headers, body.toString(StandardCharsets.UTF_8));
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
}
