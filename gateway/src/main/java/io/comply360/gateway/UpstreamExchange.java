package io.comply360.gateway;

import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.comply360.gateway.BoundedBody.Cut;
import io.comply360.platform.error.Problem;
import io.comply360.platform.error.ProblemJson;
import io.comply360.platform.error.ProblemType;
import io.comply360.platform.web.RequestIds;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.quarkus.logging.Log;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyOptions;
import io.vertx.httpproxy.ProxyResponse;

/**
 * One accepted request's trip to its service and back, streamed by the Vert.x HTTP proxy: the service's
 * {@link CircuitBreaker}, the headers services learn about the original request, the body bounded as it streams,
 * {@link Retry} of requests that can safely be sent again, and a problem answer when there is no answer from the
 * service.
 * <p>
 * The breaker counts only the service failing to answer — no connection, a dropped connection, no answer in
 * time. Whatever the service answers (a 500 or 503 problem too) is an answer; a request the gateway cut off
 * (body too large, client too slow), a client that went away and a gateway with no free connection are not
 * the service's fault. Otherwise any caller could open a service's breaker for every agency.
 * <p>
 * Last of the API's handlers ({@link GatewayRoutes}): a request gets here only once everything the gateway
 * checks itself has passed, so the service's breaker and connections are spent on requests it would serve.
 * <p>
 * A stream (a route the role matrix marks {@code stream}, e.g. Server-Sent Events) goes the same way, on
 * connections of its own ({@link UpstreamPool}): each piece the service writes is passed on as it comes, nothing
 * bounds how long it stays open once the service has answered, and when the client goes away the request to the
 * service is reset (the proxy does so when the answer to the client fails), which closes its connection. For the
 * breaker it is a success once the service has answered; how it ends later says nothing about the service. It is
 * only ever sent again ({@link Retry}) before the service has answered, so never once it has started.
 */
@ApplicationScoped
public class UpstreamExchange implements Handler<RoutingContext> {

    private final UpstreamPool pool;
    private final CircuitBreaker breaker;
    private final GatewayConfig config;
    private final Retry retry;
    private final Vertx vertx;
    private final HttpProxy proxy;

    public UpstreamExchange(UpstreamPool pool, CircuitBreaker breaker, GatewayConfig config, Retry retry, Vertx vertx) {
        this.pool = pool;
        this.breaker = breaker;
        this.config = config;
        this.retry = retry;
        this.vertx = vertx;
        // No WebSocket tunnels: an upgrade would bypass the interceptor (breaker, headers, body limits).
        this.proxy = HttpProxy.reverseProxy(new ProxyOptions().setSupportWebSocket(false), pool.client())
                .origin(context ->
                        pool.open((ForwardedRequest) context.request().proxiedRequest()))
                .addInterceptor(new Interceptor());
    }

    /** Streams the request to its service and the answer back. */
    @Override
    public void handle(RoutingContext rc) {
        proxy.handle(new ForwardedRequest(rc, rc.get(BodyLimits.RULE), rc.<Long>get(BodyLimits.LIMIT)));
    }

    private final class Interceptor implements ProxyInterceptor {

        @Override
        public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
            ForwardedRequest original = (ForwardedRequest) context.request().proxiedRequest();
            String service = original.rule().service();
            if (!breaker.allow(service)) {
                return answer(
                        context,
                        ProblemType.SERVICE_UNAVAILABLE,
                        service + "-service is unavailable; try again shortly",
                        breaker.delay());
            }
            context.request()
                    .headers()
                    .set(RequestIds.HEADER, original.response().headers().get(RequestIds.HEADER))
                    .set("X-Forwarded-Host", String.valueOf(original.authority()))
                    .set("X-Forwarded-Proto", original.scheme())
                    .set(
                            "X-Forwarded-For",
                            original.remoteAddress() == null
                                    ? ""
                                    : original.remoteAddress().hostAddress());
            PortalSessionRequired.Forward portal = original.routingContext().get(PortalSessionRequired.FORWARD);
            if (portal != null) {
                // As an API client calls the service: the user's own access token, never the portal's cookies.
                context.request().setURI(portal.uri());
                context.request()
                        .headers()
                        .set(HttpHeaders.AUTHORIZATION, "Bearer " + portal.accessToken())
                        .remove(HttpHeaders.COOKIE);
            }
            if (original.hasBody()) {
                context.request()
                        .setBody(Body.body(
                                new BoundedBody(
                                        original,
                                        original.bodyLimit(),
                                        vertx,
                                        config.upstreamTimeout().toMillis(),
                                        original::cut,
                                        () -> answerTimeoutFrom(original)),
                                original.declaredLength()));
            } else {
                // Nothing to stream: the request can be sent again as it is.
                context.request().setBody(null);
            }
            return retry.send(context, original).transform(result -> {
                Cut cut = original.cut();
                if (cut != null && cut != Cut.SERVICE_STALLED) {
                    breaker.neutral(service);
                    if (result.succeeded()) {
                        result.result().release();
                    }
                    return cutOff(context, original, cut);
                }
                if (result.succeeded()) {
                    breaker.success(service);
                    return Future.succeededFuture(result.result());
                }
                if (original.clientGone()) {
                    breaker.neutral(service);
                    return answer(context, ProblemType.SERVICE_UNAVAILABLE, "The client went away", null);
                }
                if (cut == null && pool.classify(result.cause()) == UpstreamPool.Failure.BUSY) {
                    breaker.neutral(service);
                    pool.rejected(service);
                    return answer(
                            context,
                            ProblemType.SERVICE_UNAVAILABLE,
                            "The gateway is busy; try again shortly",
                            Duration.ofSeconds(1));
                }
                breaker.failure(service);
                Log.warnf(
                        "%s did not answer %s %s: %s",
                        service,
                        original.method(),
                        original.path(),
                        cut == null ? result.cause().getMessage() : "it stopped taking the request body");
                return answer(
                        context, ProblemType.SERVICE_UNAVAILABLE, service + "-service did not answer", breaker.delay());
            });
        }

        /**
         * The gateway already answers with the request's id; the service's copy of it would be a duplicate. A stream
         * is also marked for a proxy in front (nginx) not to hold its events back in a buffer.
         */
        @Override
        public Future<Void> handleProxyResponse(ProxyContext context) {
            context.response().headers().remove(RequestIds.HEADER);
            if (((ForwardedRequest) context.request().proxiedRequest()).rule().stream()) {
                context.response().putHeader("X-Accel-Buffering", "no");
            }
            return context.sendResponse();
        }

        private Future<ProxyResponse> cutOff(ProxyContext context, ForwardedRequest original, Cut cut) {
            // The rest of the body is never read: the connection cannot carry another request.
            ProblemAnswers.closeAfterwardsIfBodyUnread(original.routingContext());
            return cut == Cut.TOO_LARGE
                    ? answer(
                            context,
                            ProblemType.PAYLOAD_TOO_LARGE,
                            "The body is larger than " + BodyLimits.describe(original.bodyLimit()) + ", the limit of "
                                    + original.rule().name(),
                            null)
                    : answer(
                            context,
                            ProblemType.REQUEST_TIMEOUT,
                            "The body stopped arriving for "
                                    + config.upstreamTimeout().toSeconds() + " s",
                            null);
        }

        private Future<ProxyResponse> answer(
                ProxyContext context, ProblemType type, String detail, Duration retryAfter) {
            ProxyResponse response = context.request()
                    .response()
                    .setStatusCode(type.status())
                    .setStatusMessage(HttpResponseStatus.valueOf(type.status()).reasonPhrase())
                    .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .setBody(Body.body(Buffer.buffer(ProblemJson.render(
                            type,
                            detail,
                            List.of(),
                            context.request().proxiedRequest().path()))));
            if (retryAfter != null) {
                response.putHeader("Retry-After", Long.toString(Math.max(1, retryAfter.toSeconds())));
            }
            return Future.succeededFuture(response);
        }
    }

    /** Once the whole body is with the service, it has {@code upstream-timeout} to start answering. */
    private void answerTimeoutFrom(ForwardedRequest original) {
        HttpClientRequest upstream = original.upstream();
        if (upstream != null && !upstream.response().isComplete()) {
            upstream.setTimeout(config.upstreamTimeout().toMillis());
        }
    }
}
