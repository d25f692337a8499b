package io.comply360.gateway;

import static io.comply360.platform.testkit.ProblemAssertions.assertProblem;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.comply360.platform.testkit.TestOidcServer;
import io.comply360.platform.testkit.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;

/**
 * A route the role matrix marks {@code stream} (notifications as Server-Sent Events): each event reaches the
 * client as the service writes it, the stream outlives {@code upstream-timeout} (2 s in tests), a client that goes
 * away takes the service's connection with it, a stream that breaks is not sent again, open streams do not take
 * the connections of short requests (the pool has one here), and the portal's pages listen with their session.
 */
@QuarkusTest
@QuarkusTestResource(value = StreamingRoutesTest.StreamingUpstream.class, restrictToAnnotatedClass = true)
class StreamingRoutesTest {

    private static final String ACME_HOST = "acme.localhost:8080";
    private static final String STREAM = "/api/v1/notifications/stream";
    private static final Duration SOON = Duration.ofSeconds(5);

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Inject
    CircuitBreaker breakers;

    @BeforeEach
    void noStreamsYet() {
        Upstreams.reset();
        StreamingUpstream.opened.clear();
    }

    private static String acme(String role) {
        return TestTokens.token(role, UUID.fromString(Upstreams.ACME));
    }

    private SseClient listen(String token) {
        return SseClient.open(port, ACME_HOST, STREAM, Map.of("Authorization", "Bearer " + token));
    }

    private static StreamingUpstream.Opened openedAtTheService() throws InterruptedException {
        StreamingUpstream.Opened stream = StreamingUpstream.opened.poll(5, TimeUnit.SECONDS);
        assertThat(stream).as("the service was asked for the stream").isNotNull();
        return stream;
    }

    @Test
    void eachEventReachesTheClientAsTheServiceWritesItWhileTheStreamStaysOpen() throws Exception {
        String token = acme("agent");
        try (SseClient client = listen(token)) {
            assertThat(client.status()).isEqualTo(200);
            assertThat(client.header("Content-Type")).startsWith("text/event-stream");
            assertThat(client.header("X-Accel-Buffering")).isEqualTo("no");
            assertThat(client.header("Cache-Control")).isEqualTo("no-store");
            StreamingUpstream.Opened stream = openedAtTheService();
            assertThat(stream.headers().get("Authorization")).isEqualTo("Bearer " + token);
            assertThat(stream.headers().get("X-Forwarded-Host")).isEqualTo(ACME_HOST);

            for (String event : new String[] {"first", "second", "third"}) {
                stream.send(event);
                assertThat(client.nextData(SOON))
                        .as("%s arrives while the service keeps the stream open", event)
                        .isEqualTo(event);
            }
            assertThat(client.ended()).isFalse();
            assertThat(stream.closed()).isNotDone();
        }
    }

    @Test
    void aStreamOutlivesTheUpstreamTimeout() throws Exception {
        try (SseClient client = listen(acme("tenant_admin"))) {
            StreamingUpstream.Opened stream = openedAtTheService();
            stream.send("before");
            assertThat(client.nextData(SOON)).isEqualTo("before");

            // Quiet for longer than upstream-timeout (2 s): neither end is cut off.
            await().during(Duration.ofSeconds(3))
                    .atMost(Duration.ofSeconds(4))
                    .until(() -> !client.ended() && !stream.closed().isDone());
            stream.send("after");
            assertThat(client.nextData(SOON)).isEqualTo("after");
        }
    }

    @Test
    void whenTheClientGoesAwayTheServicesConnectionIsClosedToo() throws Exception {
        SseClient client = listen(acme("agent_assistant"));
        StreamingUpstream.Opened stream = openedAtTheService();
        stream.send("hello");
        assertThat(client.nextData(SOON)).isEqualTo("hello");

        client.close();
        stream.closed().get(5, TimeUnit.SECONDS);
    }

    @Test
    void aStreamTheServiceBreaksOffIsNotSentAgainAndSaysNothingAgainstItsBreaker() throws Exception {
        // As many as it takes to open the breaker if they counted as failures.
        for (int i = 0; i < 5; i++) {
            try (SseClient client = SseClient.open(
                    port, ACME_HOST, STREAM + "?end=abruptly", Map.of("Authorization", "Bearer " + acme("agent")))) {
                assertThat(client.status()).isEqualTo(200);
                assertThat(client.nextData(SOON)).isEqualTo("last");
                await().atMost(SOON).until(client::ended);
            }
        }
        assertThat(StreamingUpstream.opened)
                .as("each stream was asked for once: never sent again once it started")
                .hasSize(5);
        assertThat(breakers.isOpen("notification")).isFalse();
    }

    @Test
    void openStreamsLeaveTheConnectionsOfShortRequestsFree() throws Exception {
        List<SseClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                clients.add(listen(acme("agent")));
                openedAtTheService();
            }
            // The pool of short requests has one connection here, and three streams are open.
            Response list = given().header("Host", ACME_HOST)
                    .auth()
                    .oauth2(acme("agent"))
                    .get("/api/v1/notifications");
            assertThat(list.statusCode()).isEqualTo(200);
            assertThat(list.jsonPath().getList("items")).isEmpty();
        } finally {
            clients.forEach(SseClient::close);
        }
    }

    @Test
    void onTheApiAStreamNeedsATokenAndAnAllowedRoleLikeAnyRoute() {
        assertProblem(given().header("Host", ACME_HOST).get(STREAM), 401);
        assertProblem(
                given().header("Host", "localhost:8080")
                        .auth()
                        .oauth2(TestTokens.token("platform_admin", null))
                        .get(STREAM),
                403);
        assertProblem(
                given().header("Host", ACME_HOST)
                        .auth()
                        .oauth2(TestTokens.token("agent", UUID.fromString(Upstreams.GLOBEX)))
                        .get(STREAM),
                403);
        assertThat(StreamingUpstream.opened).isEmpty();
    }

    @Test
    void thePortalListensWithItsSessionAndTheServiceSeesTheUsersOwnToken() throws Exception {
        TestOidcServer.signInAs("comply360-gateway", "Ada Agent", "agent", UUID.fromString(Upstreams.ACME));
        Map<String, String> session = PortalSignInTest.signIn(ACME_HOST);
        String cookies = session.entrySet().stream()
                .map(cookie -> cookie.getKey() + "=" + cookie.getValue())
                .collect(Collectors.joining("; "));

        try (SseClient client =
                SseClient.open(port, ACME_HOST, "/portal" + STREAM + "?since=7", Map.of("Cookie", cookies))) {
            assertThat(client.status()).isEqualTo(200);
            assertThat(client.header("Content-Type")).startsWith("text/event-stream");
            StreamingUpstream.Opened stream = openedAtTheService();
            assertThat(stream.uri()).isEqualTo(STREAM + "?since=7");
            assertThat(stream.headers().get("Authorization")).matches("Bearer eyJ[^.]+\\.[^.]+\\.[^.]+");
            assertThat(stream.headers().contains("Cookie"))
                    .as("the session cookie stays with the gateway")
                    .isFalse();
            assertThat(stream.headers().get("X-Forwarded-Host")).isEqualTo(ACME_HOST);
            stream.send("for Ada");
            assertThat(client.nextData(SOON)).isEqualTo("for Ada");
        }
    }

    @Test
    void thePortalServesOnlyStreamsOnlyToASessionOfTheHostsAgency() {
        assertProblem(
                given().redirects().follow(false).header("Host", ACME_HOST).get("/portal" + STREAM), 401);

        TestOidcServer.signInAs("comply360-gateway", "Ada Agent", "agent", UUID.fromString(Upstreams.ACME));
        Map<String, String> ada = PortalSignInTest.signIn(ACME_HOST);
        for (String notAStream : new String[] {"/portal/api/v1/notifications", "/portal/api/v1/settings"}) {
            assertProblem(given().header("Host", ACME_HOST).cookies(ada).get(notAStream), 404);
        }
        assertProblem(given().header("Host", ACME_HOST).cookies(ada).post("/portal" + STREAM), 404);

        TestOidcServer.signInAs("comply360-gateway", "Gus Globex", "agent", UUID.fromString(Upstreams.GLOBEX));
        Map<String, String> gus = PortalSignInTest.signIn(ACME_HOST);
        assertProblem(given().header("Host", ACME_HOST).cookies(gus).get("/portal" + STREAM), 403);

        assertThat(StreamingUpstream.opened).isEmpty();
    }

    /**
     * notification-service's place, played by a server that keeps each stream open for the test to write events
     * to, and tells when the gateway closed its connection. {@code ?end=abruptly}: one event, then the connection
     * is dropped. The gateway's pool for short requests has a single connection.
     */
    public static class StreamingUpstream implements QuarkusTestResourceLifecycleManager {

        /** A stream the service has open: what it was asked, and when its connection closed. */
        record Opened(String uri, MultiMap headers, HttpServerResponse response, CompletableFuture<Void> closed) {

            void send(String data) {
                response.write("data: " + data + "\n\n");
            }
        }

        static final BlockingQueue<Opened> opened = new LinkedBlockingQueue<>();
        private Vertx vertx;

        @Override
        public Map<String, String> start() {
            vertx = Vertx.vertx();
            int port = vertx.createHttpServer()
                    .requestHandler(request -> {
                        if (!request.path().equals(STREAM)) {
                            request.response()
                                    .putHeader("Content-Type", "application/json")
                                    .end("{\"items\":[]}");
                            return;
                        }
                        CompletableFuture<Void> closed = new CompletableFuture<>();
                        request.connection().closeHandler(ignored -> closed.complete(null));
                        HttpServerResponse response =
                                request.response().setChunked(true).putHeader("Content-Type", "text/event-stream");
                        // A comment sends the headers at once, as the service's heartbeat does.
                        response.write(": open\n\n");
                        Opened stream = new Opened(
                                request.uri(),
                                MultiMap.caseInsensitiveMultiMap().addAll(request.headers()),
                                response,
                                closed);
                        if ("abruptly".equals(request.getParam("end"))) {
                            response.write("data: last\n\n")
                                    .onComplete(ignored -> request.connection().close());
                        }
                        opened.add(stream);
                    })
                    .listen(0, "127.0.0.1")
                    .toCompletionStage()
                    .toCompletableFuture()
                    .join()
                    .actualPort();
            return Map.of(
                    "comply360.gateway.upstreams.notification",
                    "http://127.0.0.1:" + port,
                    "comply360.gateway.pool.max-size",
                    "1");
        }

        /** Started after the shared {@link Upstreams}, so that its address for notification-service is the one used. */
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
