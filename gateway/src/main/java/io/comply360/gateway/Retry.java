package io.comply360.gateway;

import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyResponse;

/**
 * Sends a request to its service, and sends it again ({@code retry.max-retries} times at most) while the service
 * drops the connection or answers 502–504 — only a request that can safely be sent twice: GET, HEAD or OPTIONS
 * without a body. Never after a timeout (it would multiply the wait) nor when the gateway itself is busy.
 * Retries are counted ({@code comply360_gateway_retries_total{service}}). A request is sent again only before
 * anything of an answer has reached the client: a stream (Server-Sent Events) that started and later broke is
 * never sent again here — its client reconnects.
 * <p>
 * The parameters are MicroProfile Fault Tolerance's {@code @Retry(maxRetries, delay, jitter)}, which the services'
 * own remote calls use; unlike there, each further retry waits one {@code delay} longer.
 */
@ApplicationScoped
public class Retry {

    private static final Set<HttpMethod> IDEMPOTENT = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);
    private static final Set<Integer> RETRYABLE_STATUS = Set.of(502, 503, 504);

    private final UpstreamPool pool;
    private final MeterRegistry metrics;
    private final Vertx vertx;
    private final int maxRetries;
    private final long delayMillis;
    private final long jitterMillis;

    public Retry(UpstreamPool pool, MeterRegistry metrics, Vertx vertx, GatewayConfig config) {
        this.pool = pool;
        this.metrics = metrics;
        this.vertx = vertx;
        this.maxRetries = config.retry().maxRetries();
        this.delayMillis = config.retry().delay().toMillis();
        this.jitterMillis = config.retry().jitter().toMillis();
    }

    /** The service's answer, or why there is none, after the retries the request allows. */
    Future<ProxyResponse> send(ProxyContext context, ForwardedRequest original) {
        boolean idempotent = IDEMPOTENT.contains(original.method()) && !original.hasBody();
        return send(context, original, idempotent ? maxRetries : 0);
    }

    private Future<ProxyResponse> send(ProxyContext context, ForwardedRequest original, int retriesLeft) {
        return context.sendRequest().transform(result -> {
            boolean retryable = result.failed()
                    ? !(result.cause() instanceof TimeoutException)
                            && pool.classify(result.cause()) == UpstreamPool.Failure.SERVICE
                    : RETRYABLE_STATUS.contains(result.result().getStatusCode());
            if (!retryable || retriesLeft == 0 || original.clientGone()) {
                return result.succeeded()
                        ? Future.succeededFuture(result.result())
                        : Future.failedFuture(result.cause());
            }
            if (result.succeeded()) {
                result.result().release();
            }
            metrics.counter(
                            "comply360.gateway.retries",
                            "service",
                            original.rule().service())
                    .increment();
            long pause = delayMillis * (maxRetries - retriesLeft + 1) + jitter();
            // A Vert.x timer needs at least 1 ms.
            return Future.<Void>future(promise -> vertx.setTimer(Math.max(1, pause), id -> promise.complete()))
                    .compose(ignored -> send(context, original, retriesLeft - 1));
        });
    }

    private long jitter() {
        return jitterMillis == 0 ? 0 : ThreadLocalRandom.current().nextLong(-jitterMillis, jitterMillis + 1);
    }
}
