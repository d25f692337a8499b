package io.comply360.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.comply360.platform.testkit.TestTokens;
import io.quarkus.logging.Log;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;

/**
 * A 50 MB upload goes through the gateway as a stream: the service receives most of it while the client is
 * still sending, and the gateway's heap never holds more than a small part of it.
 */
@QuarkusTest
@QuarkusTestResource(value = LargeUploadTest.CountingUpstream.class, restrictToAnnotatedClass = true)
class LargeUploadTest {

    private static final long SIZE = 50L * 1024 * 1024;
    private static final long HELD_BACK_AT = 30L * 1024 * 1024;

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Test
    void a50MegabyteUploadIsStreamedWithoutBeingHeldInMemory() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        long baseline = heapAfterGc();
        HttpRequest upload = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/tenants"))
                .header("Authorization", "Bearer " + TestTokens.token("platform_admin", null))
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.fromPublisher(
                        HttpRequest.BodyPublishers.ofInputStream(() -> new Pattern(SIZE, HELD_BACK_AT, release)), SIZE))
                .build();
        CompletableFuture<HttpResponse<String>> answer = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .build()
                .sendAsync(upload, HttpResponse.BodyHandlers.ofString());

        // The client is held back after 30 MB: whatever the service has by then came through as a stream.
        await().atMost(Duration.ofSeconds(60))
                .until(() -> CountingUpstream.received.get() >= HELD_BACK_AT - 1024 * 1024);
        long growth = heapAfterGc() - baseline;
        Log.infof(
                "Heap growth with %d MB in flight through the gateway: %d KB",
                CountingUpstream.received.get() >> 20, growth >> 10);
        release.countDown();

        HttpResponse<String> response = answer.get(60, TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(SIZE + ":" + Pattern.sha256(SIZE));
        assertThat(growth).as("heap growth while 30 MB passed through").isLessThan(10L * 1024 * 1024);
    }

    private static long heapAfterGc() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Deterministic bytes that are never all in memory; blocks at {@code holdAt} until released. */
    static final class Pattern extends InputStream {
        private final long size;
        private final long holdAt;
        private final CountDownLatch release;
        private long position;

        Pattern(long size, long holdAt, CountDownLatch release) {
            this.size = size;
            this.holdAt = holdAt;
            this.release = release;
        }

        static byte at(long position) {
            return (byte) ((position * 31 + (position >> 12)) & 0xff);
        }

        static String sha256(long size) throws Exception {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] chunk = new byte[64 * 1024];
            for (long done = 0; done < size; ) {
                int n = (int) Math.min(chunk.length, size - done);
                for (int i = 0; i < n; i++) {
                    chunk[i] = at(done + i);
                }
                digest.update(chunk, 0, n);
                done += n;
            }
            return HexFormat.of().formatHex(digest.digest());
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (position >= size) {
                return -1;
            }
            if (position == holdAt) {
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return -1;
                }
            }
            long limit = position < holdAt ? holdAt : size;
            int n = (int) Math.min(length, limit - position);
            for (int i = 0; i < n; i++) {
                buffer[offset + i] = at(position + i);
            }
            position += n;
            return n;
        }
    }

    /** tenant-service's place, played by a server that hashes and counts what it receives and keeps none of it. */
    public static class CountingUpstream implements QuarkusTestResourceLifecycleManager {

        static final AtomicLong received = new AtomicLong();
        private Vertx vertx;

        @Override
        public Map<String, String> start() {
            vertx = Vertx.vertx();
            HttpServer server = vertx.createHttpServer().requestHandler(request -> {
                MessageDigest digest = sha256();
                received.set(0);
                request.handler(buffer -> {
                    received.addAndGet(buffer.length());
                    digest.update(buffer.getBytes());
                });
                request.endHandler(ignored -> request.response()
                        .end(received.get() + ":" + HexFormat.of().formatHex(digest.digest())));
            });
            int port = server.listen(0, "127.0.0.1")
                    .toCompletionStage()
                    .toCompletableFuture()
                    .join()
                    .actualPort();
            // Uploads are not routed yet: this route is given an upload's limit for the test.
            return Map.of(
                    "comply360.gateway.upstreams.tenant",
                    "http://127.0.0.1:" + port,
                    "comply360.gateway.route-limits.\"POST /api/v1/tenants\"",
                    "60M",
                    "quarkus.http.limits.max-body-size",
                    "60M");
        }

        private static MessageDigest sha256() {
            try {
                return MessageDigest.getInstance("SHA-256");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        /** Started after the shared {@link Upstreams}, so that its address for tenant-service is the one used here. */
        @Override
        public int order() {
            return 1;
        }

        @Override
        public void stop() {
            vertx.close();
        }
    }
}
