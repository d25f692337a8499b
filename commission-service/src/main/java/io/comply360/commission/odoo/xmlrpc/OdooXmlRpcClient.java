package io.comply360.commission.odoo.xmlrpc;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Calls Odoo's external API over XML-RPC ({@code /xmlrpc/2/common} and {@code /xmlrpc/2/object}) with the
 * JDK {@link HttpClient}. Thread-safe; holds no credentials (the API key is passed per call and is never
 * put into an exception message: should Odoo echo it back in a fault, it is replaced by {@code ***}).
 *
 * <p>Method signatures take and return plain Java values (see {@link XmlRpcCodec} for the mapping), so an
 * implementation over Odoo's JSON API can offer the same operations later.
 *
 * <p>Odoo quirks handled here:
 * <ul>
 *   <li>Odoo's werkzeug-based server closes the connection after every response ({@code Connection:
 *       close}); requests are forced to HTTP/1.1, and the client opens a fresh connection per call.</li>
 *   <li>Odoo answers HTTP 200 for faults too; any other status comes from a proxy or a URL that is not an
 *       Odoo server, and becomes {@link OdooUnavailableException} (transient or not, see there).</li>
 *   <li>{@code authenticate} answers {@code false}, not a fault, when the login or key is wrong; a wrong key
 *       on {@code execute_kw} is a fault with code 3 ({@link OdooFaultKind#ACCESS_DENIED}).</li>
 * </ul>
 *
 * <p>Each call is bounded by {@code callTimeout} as a whole (connect, headers and body) and the response body
 * by {@code maxResponseBytes}; a larger body is an {@link XmlRpcProtocolException}.
 */
public final class OdooXmlRpcClient {

    private static final String USER_AGENT = "Comply360";
    private static final String REDACTED = "***";

    private final String baseUrl;
    private final URI commonEndpoint;
    private final URI objectEndpoint;
    private final HttpClient http;
    private final Duration callTimeout;
    private final long maxResponseBytes;

    /**
     * @param baseUrl the Odoo root, e.g. {@code https://acme.odoo.com} or {@code https://erp.acme.com/odoo};
     *                http or https, without user info, query or fragment
     * @param http a client configured by the caller (proxy, TLS, connect timeout); redirects are not needed
     * @param callTimeout upper bound for one call, including reading the response
     * @param maxResponseBytes upper bound for one response body
     */
    public OdooXmlRpcClient(URI baseUrl, HttpClient http, Duration callTimeout, long maxResponseBytes) {
        Objects.requireNonNull(baseUrl, "baseUrl");
        String scheme = baseUrl.getScheme() == null ? "" : baseUrl.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || baseUrl.getHost() == null) {
            throw new IllegalArgumentException("Odoo base URL must be an absolute http(s) URL with a host");
        }
        if (baseUrl.getRawUserInfo() != null || baseUrl.getRawQuery() != null || baseUrl.getRawFragment() != null) {
            throw new IllegalArgumentException("Odoo base URL must not contain user info, a query or a fragment");
        }
        if (callTimeout == null || callTimeout.isNegative() || callTimeout.isZero()) {
            throw new IllegalArgumentException("callTimeout must be positive");
        }
        if (maxResponseBytes <= 0) {
            throw new IllegalArgumentException("maxResponseBytes must be positive");
        }
        String root = baseUrl.toString();
        while (root.endsWith("/")) {
            root = root.substring(0, root.length() - 1);
        }
        this.baseUrl = root;
        this.commonEndpoint = URI.create(root + "/xmlrpc/2/common");
        this.objectEndpoint = URI.create(root + "/xmlrpc/2/object");
        this.http = Objects.requireNonNull(http, "http");
        this.callTimeout = callTimeout;
        this.maxResponseBytes = maxResponseBytes;
    }

    /**
     * {@code common.version()}: for Odoo 17.0 {@code {server_version=17.0, server_version_info=[17, 0, 0,
     * final, 0, ], server_serie=17.0, protocol_version=1}} (Enterprise: {@code 17.0+e}, last item {@code e}).
     * Needs no credentials; useful as a connectivity check.
     */
    public Map<String, Object> version() {
        Object result = call(commonEndpoint, "version", List.of(), null);
        if (result instanceof Map<?, ?> map) {
            @SuppressWarnings("unchecked") // the decoder only produces Map<String, Object>
            Map<String, Object> version = (Map<String, Object>) map;
            return version;
        }
        throw new XmlRpcProtocolException("Odoo version() answered a " + typeName(result) + " instead of a struct");
    }

    /**
     * {@code common.authenticate(db, login, apiKey, {})}: the user id as {@link Integer}, or
     * {@link Boolean#FALSE} when Odoo refuses the login or key (Odoo does not fault in that case).
     */
    public Object authenticate(String db, String login, String apiKey) {
        Objects.requireNonNull(db, "db");
        Objects.requireNonNull(login, "login");
        Objects.requireNonNull(apiKey, "apiKey");
        return call(commonEndpoint, "authenticate", List.of(db, login, apiKey, Map.of()), apiKey);
    }

    /**
     * {@code object.execute_kw(db, uid, apiKey, model, method, args, kwargs)}, e.g. {@code ("res.partner",
     * "search_read", [[["id", "=", 7]]], {"fields": ["name"]})}. {@code args} and {@code kwargs} may be null
     * (sent as empty). Returns the method's result as decoded by {@link XmlRpcCodec}.
     *
     * @throws XmlRpcFault when Odoo rejects the call; classify it with {@link OdooFault#classify(XmlRpcFault)}
     */
    public Object executeKw(
            String db, int uid, String apiKey, String model, String method, List<?> args, Map<String, ?> kwargs) {
        Objects.requireNonNull(db, "db");
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(method, "method");
        List<Object> params = Arrays.asList(
                db, uid, apiKey, model, method, args == null ? List.of() : args, kwargs == null ? Map.of() : kwargs);
        return call(objectEndpoint, "execute_kw", params, apiKey);
    }

    @Override
    public String toString() {
        return "OdooXmlRpcClient[" + baseUrl + "]";
    }

    private Object call(URI endpoint, String method, List<?> params, String secret) {
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .version(HttpClient.Version.HTTP_1_1)
                .timeout(callTimeout)
                .header("Content-Type", "text/xml")
                .header("User-Agent", USER_AGENT)
                .POST(HttpRequest.BodyPublishers.ofByteArray(XmlRpcCodec.encodeCall(method, params)))
                .build();
        HttpResponse<byte[]> response = send(endpoint, request);
        if (response.statusCode() != 200) {
            throw new OdooUnavailableException(
                    "Odoo at " + endpoint + " answered HTTP " + response.statusCode(), response.statusCode());
        }
        try {
            return XmlRpcCodec.decodeResponse(new ByteArrayInputStream(response.body()), maxResponseBytes);
        } catch (XmlRpcFault fault) {
            throw redact(fault, secret);
        } catch (XmlRpcProtocolException e) {
            throw redact(e, secret);
        }
    }

    private HttpResponse<byte[]> send(URI endpoint, HttpRequest request) {
        CompletableFuture<HttpResponse<byte[]>> future = http.sendAsync(
                request,
                info -> info.statusCode() == 200
                        ? new BoundedBodySubscriber(maxResponseBytes)
                        : HttpResponse.BodySubscribers.replacing(null));
        try {
            return future.get(callTimeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw timedOut(endpoint, e);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new OdooUnavailableException("Interrupted while calling Odoo at " + endpoint, e);
        } catch (ExecutionException e) {
            throw translate(endpoint, e.getCause());
        }
    }

    private RuntimeException translate(URI endpoint, Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ResponseTooLargeException) {
                return new XmlRpcProtocolException(
                        "Odoo at " + endpoint + " sent a response larger than " + maxResponseBytes + " bytes");
            }
            if (t instanceof HttpTimeoutException) {
                return timedOut(endpoint, t);
            }
            if (t instanceof ConnectException) {
                return new OdooUnavailableException("Cannot connect to Odoo at " + endpoint, t);
            }
        }
        String detail = failure instanceof IOException ? "I/O error" : "unexpected failure";
        return new OdooUnavailableException(
                detail + " calling Odoo at " + endpoint + ": "
                        + failure.getClass().getSimpleName(),
                failure);
    }

    private OdooUnavailableException timedOut(URI endpoint, Throwable cause) {
        return new OdooUnavailableException("Odoo at " + endpoint + " did not answer within " + callTimeout, cause);
    }

    private static XmlRpcFault redact(XmlRpcFault fault, String secret) {
        Object code = fault.faultCode();
        boolean leaks = contains(fault.faultString(), secret) || (code instanceof String s && contains(s, secret));
        if (!leaks) {
            return fault;
        }
        Object safeCode = code instanceof String s ? s.replace(secret, REDACTED) : code;
        return new XmlRpcFault(safeCode, fault.faultString().replace(secret, REDACTED));
    }

    private static XmlRpcProtocolException redact(XmlRpcProtocolException e, String secret) {
        return contains(e.getMessage(), secret)
                ? new XmlRpcProtocolException(e.getMessage().replace(secret, REDACTED))
                : e;
    }

    private static boolean contains(String text, String secret) {
        return secret != null && !secret.isEmpty() && text != null && text.contains(secret);
    }

    private static String typeName(Object value) {
        return value == null ? "nil" : value.getClass().getSimpleName();
    }

    /** Raised inside the HTTP client when a body outgrows the limit; translated to XmlRpcProtocolException. */
    private static final class ResponseTooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        ResponseTooLargeException(long maxBytes) {
            super("response body exceeds " + maxBytes + " bytes");
        }
    }

    /** Collects a body into memory, cancelling the exchange as soon as it exceeds the limit. */
    private static final class BoundedBodySubscriber implements HttpResponse.BodySubscriber<byte[]> {

        private final long maxBytes;
        private final CompletableFuture<byte[]> body = new CompletableFuture<>();
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        private Flow.Subscription subscription;

        BoundedBodySubscriber(long maxBytes) {
            this.maxBytes = maxBytes;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return body;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (body.isDone()) {
                return;
            }
            for (ByteBuffer item : items) {
                if ((long) buffer.size() + item.remaining() > maxBytes) {
                    subscription.cancel();
                    body.completeExceptionally(new ResponseTooLargeException(maxBytes));
                    return;
                }
                byte[] chunk = new byte[item.remaining()];
                item.get(chunk);
                buffer.write(chunk, 0, chunk.length);
            }
        }

        @Override
        public void onError(Throwable throwable) {
            body.completeExceptionally(throwable);
        }

        @Override
        public void onComplete() {
            body.complete(buffer.toByteArray());
        }
    }
}
