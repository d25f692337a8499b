package io.comply360.commission.odoo.xmlrpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Runs {@link OdooXmlRpcClient} against a real HTTP server (the JDK's) that answers like Odoo 17 does: HTTP
 * 200, {@code Content-Type: text/xml; charset=utf-8}, {@code Connection: close}, and bodies produced by
 * Python's xmlrpc.client ({@link PythonGolden}).
 */
class OdooXmlRpcClientTest {

    private static final String API_KEY = "0a1b2c3d4e5f-SECRET-API-KEY-9z8y";
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private HttpServer server;
    private ExecutorService executor;
    private volatile int status = 200;
    private volatile String body = PythonGolden.AUTHENTICATE_OK_RESPONSE;
    private volatile long delayMillis;

    private record Recorded(String method, String path, String contentType, String userAgent, XmlRpcCodec.Call call) {}

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        executor = Executors.newCachedThreadPool();
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    @AfterEach
    void stopServer() {
        release.countDown();
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            XmlRpcCodec.Call call = XmlRpcCodec.decodeCall(exchange.getRequestBody(), 1 << 20);
            requests.add(new Recorded(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    exchange.getRequestHeaders().getFirst("User-Agent"),
                    call));
            if (delayMillis > 0 && release.await(delayMillis, TimeUnit.MILLISECONDS)) {
                return;
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/xml; charset=utf-8");
            exchange.getResponseHeaders().set("Connection", "close");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private OdooXmlRpcClient client() {
        return new OdooXmlRpcClient(base(), http, TIMEOUT, 1 << 20);
    }

    @Test
    void versionPostsToCommonAndDecodesTheAnswer() {
        body = PythonGolden.VERSION_17_RESPONSE;

        Map<String, Object> version = client().version();

        assertThat(version)
                .containsEntry("server_version", "17.0")
                .containsEntry("protocol_version", 1)
                .containsEntry("server_version_info", List.of(17, 0, 0, "final", 0, ""));
        Recorded request = requests.get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/xmlrpc/2/common");
        assertThat(request.contentType()).isEqualTo("text/xml");
        assertThat(request.userAgent()).isEqualTo("Comply360");
        assertThat(request.call()).isEqualTo(new XmlRpcCodec.Call("version", List.of()));
    }

    @Test
    void authenticateSendsOdooParametersAndReturnsUidOrFalse() {
        assertThat(client().authenticate("acme", "sync@acme.example", API_KEY)).isEqualTo(2);
        body = PythonGolden.AUTHENTICATE_REFUSED_RESPONSE;
        assertThat(client().authenticate("acme", "sync@acme.example", "wrong")).isEqualTo(Boolean.FALSE);

        assertThat(requests.get(0).call())
                .isEqualTo(
                        new XmlRpcCodec.Call("authenticate", List.of("acme", "sync@acme.example", API_KEY, Map.of())));
    }

    @Test
    void executeKwPostsToObjectAndDecodesRecords() {
        body = PythonGolden.SEARCH_READ_RESPONSE;
        OdooXmlRpcClient client = new OdooXmlRpcClient(URI.create(base() + "/odoo/"), http, TIMEOUT, 1 << 20);

        Object result = client.executeKw(
                "acme",
                2,
                API_KEY,
                "res.partner",
                "search_read",
                List.of(List.of(List.of("id", "in", List.of(7, 8)))),
                Map.of("fields", List.of("name", "parent_id")));

        assertThat((List<?>) result).hasSize(2);
        Recorded request = requests.get(0);
        assertThat(request.path()).isEqualTo("/odoo/xmlrpc/2/object");
        assertThat(request.call())
                .isEqualTo(new XmlRpcCodec.Call(
                        "execute_kw",
                        List.of(
                                "acme",
                                2,
                                API_KEY,
                                "res.partner",
                                "search_read",
                                List.of(List.of(List.of("id", "in", List.of(7, 8)))),
                                Map.of("fields", List.of("name", "parent_id")))));
    }

    @Test
    void nullArgsAndKwargsAreSentEmpty() {
        body = PythonGolden.AUTHENTICATE_OK_RESPONSE;
        client().executeKw("acme", 2, API_KEY, "res.partner", "check_access_rights", null, null);

        assertThat(requests.get(0).call().params().subList(5, 7)).containsExactly(List.of(), Map.of());
    }

    @Test
    void repeatedCallsWorkWithConnectionClose() {
        OdooXmlRpcClient client = client();
        for (int i = 0; i < 5; i++) {
            assertThat(client.authenticate("acme", "u", API_KEY)).isEqualTo(2);
        }
        assertThat(requests).hasSize(5);
    }

    @Test
    void faultsAreRaisedAndClassified() {
        Map<String, OdooFaultKind> faults = Map.of(
                PythonGolden.FAULT_ACCESS_DENIED, OdooFaultKind.ACCESS_DENIED,
                PythonGolden.FAULT_ACCESS_ERROR, OdooFaultKind.ACCESS_DENIED,
                PythonGolden.FAULT_VALIDATION, OdooFaultKind.VALIDATION,
                PythonGolden.FAULT_MISSING_MODEL, OdooFaultKind.MISSING_MODEL,
                PythonGolden.FAULT_SERIALIZATION, OdooFaultKind.CONCURRENCY,
                PythonGolden.FAULT_APPLICATION, OdooFaultKind.OTHER);
        faults.forEach((xml, kind) -> {
            body = xml;
            Throwable thrown = catchThrowable(() -> client().executeKw(
                            "acme",
                            2,
                            API_KEY,
                            "res.partner",
                            "write",
                            List.of(List.of(7), Map.of("name", "x")),
                            Map.of()));
            assertThat(thrown).isInstanceOf(XmlRpcFault.class);
            assertThat(OdooFault.classify((XmlRpcFault) thrown)).isEqualTo(kind);
        });
    }

    @Test
    void non200StatusesAreUnavailableWithTransientFlag() {
        Map<Integer, Boolean> transientByStatus = Map.of(
                502, true, 503, true, 504, true, 429, true, 500, true, 404, false, 401, false, 403, false, 301, false);
        transientByStatus.forEach((code, expectedTransient) -> {
            status = code;
            body = "<html><body>proxy page</body></html>";
            Throwable thrown = catchThrowable(() -> client().version());
            assertThat(thrown).isInstanceOfSatisfying(OdooUnavailableException.class, e -> {
                assertThat(e.status()).isEqualTo(code);
                assertThat(e.transientFailure()).as("HTTP %d transient", code).isEqualTo(expectedTransient);
                assertThat(e).hasMessageContaining("HTTP " + code).hasMessageContaining("/xmlrpc/2/common");
            });
        });
    }

    @Test
    void connectionRefusedIsTransientUnavailable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        OdooXmlRpcClient client =
                new OdooXmlRpcClient(URI.create("http://127.0.0.1:" + closedPort), http, TIMEOUT, 1 << 20);

        assertThatThrownBy(() -> client.authenticate("acme", "u", API_KEY))
                .isInstanceOfSatisfying(OdooUnavailableException.class, e -> {
                    assertThat(e.status()).isEqualTo(OdooUnavailableException.NO_STATUS);
                    assertThat(e.transientFailure()).isTrue();
                })
                .hasMessageContaining("Cannot connect");
    }

    @Test
    void slowServerTimesOutQuickly() {
        delayMillis = 10_000;
        OdooXmlRpcClient client = new OdooXmlRpcClient(base(), http, Duration.ofMillis(300), 1 << 20);

        long start = System.nanoTime();
        Throwable thrown = catchThrowable(() -> client.authenticate("acme", "u", API_KEY));
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(thrown)
                .isInstanceOfSatisfying(
                        OdooUnavailableException.class,
                        e -> assertThat(e.transientFailure()).isTrue())
                .hasMessageContaining("did not answer within PT0.3S");
        assertThat(elapsedMillis).isLessThan(3_000);
    }

    @Test
    void oversizedResponseIsAProtocolError() {
        body = PythonGolden.AUTHENTICATE_OK_RESPONSE.replace(
                "<int>2</int>", "<string>" + "x".repeat(2 << 20) + "</string>");
        OdooXmlRpcClient client = new OdooXmlRpcClient(base(), http, TIMEOUT, 1 << 20);

        assertThatThrownBy(() -> client.version())
                .isInstanceOf(XmlRpcProtocolException.class)
                .hasMessageContaining("larger than 1048576 bytes");
    }

    @Test
    void htmlWith200IsAProtocolError() {
        body = "<html><head><title>Odoo login</title></head></html>";

        assertThatThrownBy(() -> client().version())
                .isInstanceOf(XmlRpcProtocolException.class)
                .hasMessageContaining("Expected <methodResponse>");
    }

    @Test
    void apiKeyNeverAppearsInExceptions() throws IOException {
        List<Throwable> failures = new ArrayList<>();
        OdooXmlRpcClient client = client();
        Runnable authenticate = () -> failures.add(catchThrowable(() -> client.authenticate("acme", "u", API_KEY)));
        Runnable execute = () -> failures.add(catchThrowable(
                () -> client.executeKw("acme", 2, API_KEY, "res.partner", "read", List.of(List.of(1)), Map.of())));

        body = new String(
                XmlRpcCodec.encodeFault(
                        1,
                        "Traceback (most recent call last):\n  File \"x\", line 1\n"
                                + "TypeError: bad params ('acme', 2, '" + API_KEY + "')\n"),
                StandardCharsets.UTF_8);
        execute.run();
        body = new String(
                XmlRpcCodec.encodeFault("warning -- UserError\n\nkey " + API_KEY, API_KEY), StandardCharsets.UTF_8);
        authenticate.run();
        body = PythonGolden.AUTHENTICATE_OK_RESPONSE.replace("<int>2</int>", "<int>" + API_KEY + "</int>");
        execute.run();
        status = 503;
        authenticate.run();
        status = 200;
        delayMillis = 10_000;
        failures.add(catchThrowable(() -> new OdooXmlRpcClient(base(), http, Duration.ofMillis(200), 1 << 20)
                .executeKw("acme", 2, API_KEY, "m", "f", List.of(), Map.of())));
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        failures.add(catchThrowable(
                () -> new OdooXmlRpcClient(URI.create("http://127.0.0.1:" + closedPort), http, TIMEOUT, 1 << 20)
                        .executeKw("acme", 2, API_KEY, "m", "f", List.of(), Map.of())));

        assertThat(failures).hasSize(6).doesNotContainNull();
        for (Throwable failure : failures) {
            for (Throwable t = failure; t != null; t = t.getCause()) {
                assertThat(t.toString()).doesNotContain(API_KEY);
                if (t instanceof XmlRpcFault fault) {
                    assertThat(fault.faultString()).doesNotContain(API_KEY);
                    assertThat(String.valueOf(fault.faultCode())).doesNotContain(API_KEY);
                }
            }
        }
        assertThat(OdooFault.summary((XmlRpcFault) failures.get(0)))
                .isEqualTo("TypeError: bad params ('acme', 2, '***')");
        assertThat(client).hasToString("OdooXmlRpcClient[" + base() + "]");
    }

    @Test
    void refusesUnusableBaseUrls() {
        for (String url : List.of(
                "ftp://odoo.example",
                "odoo.example",
                "https://user:pw@odoo.example",
                "https://odoo.example/?db=x",
                "https://odoo.example/#x")) {
            assertThatThrownBy(() -> new OdooXmlRpcClient(URI.create(url), http, TIMEOUT, 1))
                    .as(url)
                    .isInstanceOf(IllegalArgumentException.class)
                    .message()
                    .doesNotContain("pw");
        }
        assertThatThrownBy(() -> new OdooXmlRpcClient(base(), http, Duration.ZERO, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OdooXmlRpcClient(base(), http, TIMEOUT, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
