package io.comply360.gateway;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;

/**
 * The connections to the services: per service address at most {@code pool.max-size}, at most
 * {@code pool.wait-queue-size} requests waiting for one, each for at most {@code pool.wait-timeout}
 * ({@link RequestOptions#setConnectTimeout} bounds the wait for a pooled connection in Vert.x 4.5, see
 * {@code SharedClientHttpStreamEndpoint}). Opening a new connection is bounded by the shorter
 * {@code pool.connect-timeout}, so that a service that does not accept connections fails as a connection
 * failure, not as a wait for the pool.
 * <p>
 * A request that finds no connection is the gateway's own saturation, not the service failing: it is
 * answered 503 and counted ({@code comply360_gateway_pool_rejections_total{service}}), never as a failure of
 * the service's breaker — that would turn a burst of load into a total outage of the service.
 * <p>
 * Streams (routes the role matrix marks {@code stream}) hold their connection for as long as the client listens:
 * they get a pool of their own, {@code pool.max-streams} per service address, so that a service's open streams
 * never take the connections its short requests need.
 */
@ApplicationScoped
public class UpstreamPool {

    /** How a request to a service ended without an answer. */
    enum Failure {
        /** No connection was free in time: the gateway is busy. */
        BUSY,
        /** The service could not be reached, dropped the connection or did not answer in time. */
        SERVICE
    }

    private final HttpClient client;
    private final HttpClient streams;
    private final GatewayConfig config;
    private final MeterRegistry metrics;
    private final Map<String, SocketAddress> addresses = new ConcurrentHashMap<>();

    public UpstreamPool(Vertx vertx, GatewayConfig config, MeterRegistry metrics) {
        GatewayConfig.Pool pool = config.pool();
        if (pool.connectTimeout().compareTo(pool.waitTimeout()) >= 0) {
            throw new IllegalStateException("comply360.gateway.pool.connect-timeout (" + pool.connectTimeout()
                    + ") must be shorter than pool.wait-timeout (" + pool.waitTimeout()
                    + "), or a service that does not accept connections would look like a busy gateway");
        }
        this.config = config;
        this.metrics = metrics;
        HttpClientOptions options = new HttpClientOptions().setKeepAlive(true).setConnectTimeout((int)
                pool.connectTimeout().toMillis());
        this.client = vertx.createHttpClient(
                options, new PoolOptions().setHttp1MaxSize(pool.maxSize()).setMaxWaitQueueSize(pool.waitQueueSize()));
        this.streams = vertx.createHttpClient(
                new HttpClientOptions(options),
                new PoolOptions().setHttp1MaxSize(pool.maxStreams()).setMaxWaitQueueSize(pool.waitQueueSize()));
    }

    HttpClient client() {
        return client;
    }

    /**
     * Opens a request to the request's service, on the streams' connections for a stream; a request without body
     * starts its answer timeout at once. Vert.x ends that timeout when the answer's headers arrive, so it never
     * cuts an answer that has started (a stream may then stay open for hours).
     */
    Future<HttpClientRequest> open(ForwardedRequest request) {
        RequestOptions options = new RequestOptions()
                .setServer(addressOf(request.rule().service()))
                .setConnectTimeout(config.pool().waitTimeout().toMillis());
        if (!request.hasBody()) {
            options.setIdleTimeout(config.upstreamTimeout().toMillis());
        }
        return (request.rule().stream() ? streams : client).request(options).onSuccess(request::upstream);
    }

    private SocketAddress addressOf(String service) {
        return addresses.computeIfAbsent(service, name -> {
            URI base = URI.create(config.upstreams().get(name));
            return SocketAddress.inetSocketAddress(base.getPort(), base.getHost());
        });
    }

    Failure classify(Throwable failure) {
        if (failure instanceof ConnectionPoolTooBusyException) {
            return Failure.BUSY;
        }
        // Vert.x reports a wait for a pooled connection that ran out as a TimeoutException with this message.
        if (failure instanceof TimeoutException
                && String.valueOf(failure.getMessage()).contains("when getting a connection")) {
            return Failure.BUSY;
        }
        return Failure.SERVICE;
    }

    void rejected(String service) {
        Counter.builder("comply360.gateway.pool.rejections")
                .description("Requests refused with 503 because no connection to the service was free in time")
                .tag("service", service)
                .register(metrics)
                .increment();
    }
}
