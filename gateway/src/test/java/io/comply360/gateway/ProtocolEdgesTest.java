package io.comply360.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.comply360.platform.testkit.ProblemAssertions.assertProblem;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.comply360.platform.testkit.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;

/**
 * Requests the HTTP layer itself finds wrong (a malformed Host, a line or headers too long) are answered with
 * the right status and a problem document, not a bare status or a 500; HTTP/2 (cleartext, by upgrade or
 * prior knowledge) is served like HTTP/1.1, its {@code :authority} standing for the Host header.
 */
@QuarkusTest
class ProtocolEdgesTest {

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Inject
    Vertx vertx;

    private HttpClient client;

    @BeforeEach
    void upstreamAnswers() {
        Upstreams.reset();
    }

    @AfterEach
    void closeClient() {
        if (client != null) {
            client.close().toCompletionStage().toCompletableFuture().join();
            client = null;
        }
    }

    private static String agent() {
        return TestTokens.token("agent", UUID.fromString(Upstreams.ACME));
    }

    @Test
    void aMalformedHostIs400() {
        for (String host :
                new String[] {"acme.localhost:abc", "acme.localhost:99999", "[acme.localhost", "acme localhost"}) {
            RawHttp.send(
                            port,
                            "GET /api/v1/settings HTTP/1.1\r\nHost: " + host + "\r\nAuthorization: Bearer " + agent())
                    .assertProblem(400);
        }
        RawHttp.send(port, "GET /api/v1/settings HTTP/1.1\r\nAuthorization: Bearer " + agent())
                .assertProblem(400);
    }

    @Test
    void aRequestLineTooLongIs414() {
        RawHttp.send(port, "GET /api/v1/settings?q=" + "x".repeat(10_000) + " HTTP/1.1\r\nHost: acme.localhost:8080")
                .assertProblem(414);
    }

    @Test
    void headersTooLargeAre431() {
        RawHttp.send(
                        port,
                        "GET /api/v1/settings HTTP/1.1\r\nHost: acme.localhost:8080\r\nX-Padding: "
                                + "x".repeat(30_000))
                .assertProblem(431);
    }

    @Test
    void aPathOutsideTheApiAndPortalIs404Problem() {
        assertProblem(given().header("Host", "acme.localhost:8080").get("/no-such-page"), 404);
    }

    private HttpClient http2Client(boolean upgrade) {
        client = vertx.createHttpClient(
                new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_2).setHttp2ClearTextUpgrade(upgrade));
        return client;
    }

    private RequestOptions onAcme(HttpMethod method, String path, String token) {
        return new RequestOptions()
                .setServer(SocketAddress.inetSocketAddress(port, "127.0.0.1"))
                .setHost("acme.localhost")
                .setPort(8080)
                .setMethod(method)
                .setURI(path)
                .putHeader("Authorization", "Bearer " + token)
                .setTimeout(10_000);
    }

    private static <T> T await(io.vertx.core.Future<T> future) {
        return future.toCompletionStage()
                .toCompletableFuture()
                .orTimeout(15, TimeUnit.SECONDS)
                .join();
    }

    private HttpClientResponse get(HttpClient http2, String path) {
        return await(http2.request(onAcme(HttpMethod.GET, path, agent()))
                .compose(request -> request.send())
                .compose(response -> response.body().map(ignored -> response)));
    }

    @Test
    void http2WithPriorKnowledgeIsServedOnTheAuthoritysAgency() {
        HttpClientResponse response = get(http2Client(false), "/api/v1/settings");
        assertThat(response.version()).isEqualTo(HttpVersion.HTTP_2);
        assertThat(response.statusCode()).isEqualTo(200);
        Upstreams.server.verify(getRequestedFor(urlEqualTo("/api/v1/settings"))
                .withHeader("X-Forwarded-Host", equalTo("acme.localhost:8080")));
    }

    @Test
    void http2ByUpgradeIsServedToo() {
        HttpClient http2 = http2Client(true);
        HttpClientResponse first = get(http2, "/api/v1/settings");
        assertThat(first.statusCode()).isEqualTo(200);
        HttpClientResponse second = get(http2, "/api/v1/notifications");
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(second.version()).isEqualTo(HttpVersion.HTTP_2);
    }

    @Test
    void http2BodiesReachTheServiceWithOrWithoutALength() {
        HttpClient http2 = http2Client(false);
        String admin = TestTokens.token("tenant_admin", UUID.fromString(Upstreams.ACME));
        int withLength = await(http2.request(onAcme(HttpMethod.PUT, "/api/v1/settings", admin))
                .compose(request ->
                        request.putHeader("Content-Type", "application/json").send("{\"displayName\":\"A\"}"))
                .map(HttpClientResponse::statusCode));
        // Streamed without a length: the gateway cannot know the size up front.
        int streamed = await(http2.request(onAcme(HttpMethod.PUT, "/api/v1/settings", admin))
                .compose(request -> {
                    request.putHeader("Content-Type", "application/json").setChunked(true);
                    request.write("{\"displayName\":");
                    return request.end("\"Acme\"}").compose(ignored -> request.response());
                })
                .map(HttpClientResponse::statusCode));
        assertThat(withLength).isEqualTo(200);
        assertThat(streamed).isEqualTo(200);
        assertThat(Upstreams.server.findAll(putRequestedFor(urlEqualTo("/api/v1/settings"))))
                .extracting(r -> r.getBodyAsString())
                .containsExactly("{\"displayName\":\"A\"}", "{\"displayName\":\"Acme\"}");
    }
}
