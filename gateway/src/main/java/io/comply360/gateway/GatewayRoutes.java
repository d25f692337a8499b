package io.comply360.gateway;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.jwt.JsonWebToken;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.comply360.gateway.RouteRules.Rule;
import io.comply360.gateway.portal.SessionRevocations;
import io.comply360.platform.error.Problem;
import io.comply360.platform.error.ProblemType;
import io.comply360.platform.web.RequestIds;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.oidc.IdTokenCredential;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyResponse;

/**
 * The public API: every {@code /api/**} request is authenticated (bearer token; Quarkus OIDC has verified
 * it before this runs), matched against the role matrix, checked against the tenant of its host, and only
 * then streamed to the owning service, unchanged. {@code /internal/**} is never routed.
 */
@ApplicationScoped
public class GatewayRoutes {

    private final RouteRules rules;
    private final TenantHosts hosts;
    private final TenantDirectory tenants;
    private final GatewayConfig config;
    private final ObjectMapper json;
    private final Vertx vertx;
    private final CircuitBreakers breakers;
    private final RateLimiter limiter;
    private final MeterRegistry metrics;
    private HttpProxy proxy;

    private static final Set<HttpMethod> IDEMPOTENT = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);
    private static final Set<Integer> RETRYABLE_STATUS = Set.of(502, 503, 504);
    private static final Duration RETRY_PAUSE = Duration.ofMillis(50);

    public GatewayRoutes(RouteRules rules, TenantHosts hosts, TenantDirectory tenants, GatewayConfig config, ObjectMapper json,
            Vertx vertx, CircuitBreakers breakers, RateLimiter limiter, MeterRegistry metrics) {
        this.rules = rules;
        this.hosts = hosts;
        this.tenants = tenants;
        this.config = config;
        this.json = json;
        this.vertx = vertx;
        this.breakers = breakers;
        this.limiter = limiter;
        this.metrics = metrics;
    }

    void install(@Observes Router router) {
        proxy = HttpProxy.reverseProxy(vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true)))
                .originRequestProvider((request, client) -> client.request(new RequestOptions()
                        .setServer(upstreamOf(request))
                        .setIdleTimeout(config.upstreamTimeout().toMillis())))
                .addInterceptor(new Upstream());
        router.route().order(-1000).failureHandler(this::authenticationFailure);
        router.route("/internal/*").order(10).handler(rc -> problem(rc, ProblemType.NOT_FOUND, "Not found"));
        router.route("/api/*").order(10).handler(this::route);
        router.get("/").order(10).handler(rc -> rc.redirect("/portal"));
    }

    private void route(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        request.pause();
        SecurityIdentity identity = rc.user() instanceof QuarkusHttpUser user ? user.getSecurityIdentity() : null;
        // Only a bearer token authorises the API. A portal session (code flow, identified by its ID token)
        // is refused even if its cookie is presented here, so the API cannot be driven cross-site (CSRF).
        if (identity == null || identity.isAnonymous() || identity.getCredential(IdTokenCredential.class) != null) {
            rc.response().putHeader("WWW-Authenticate", "Bearer");
            problem(rc, ProblemType.UNAUTHENTICATED, "A valid bearer token is required");
            return;
        }
        JsonWebToken token = identity.getPrincipal() instanceof JsonWebToken jwt ? jwt : null;
        if (token != null) {
            rc.put(AccessLog.USER, token.getSubject());
        }
        String path = request.path();
        Optional<Rule> rule = rules.match(request.method().name(), path).filter(r -> !r.internal());
        if (rule.isEmpty()) {
            if (rules.knows(path)) {
                problem(rc, ProblemType.METHOD_NOT_ALLOWED, request.method() + " is not allowed on " + path);
            } else {
                problem(rc, ProblemType.NOT_FOUND, "No such route");
            }
            return;
        }
        rc.put(AccessLog.ROUTE, rule.get().method() + " " + rule.get().template());
        rc.put(AccessLog.SERVICE, rule.get().service());
        if (identity.getRoles().stream().noneMatch(rule.get().roles()::contains)) {
            problem(rc, ProblemType.FORBIDDEN, "Your role does not allow this");
            return;
        }
        if (tooLarge(request)) {
            problem(rc, ProblemType.PAYLOAD_TOO_LARGE, "The body is larger than " + config.maxBodySize().asLongValue() + " bytes");
            return;
        }
        UUID tokenTenant = TenantHosts.tenantOf(token);
        Optional<String> slug = hosts.slugOf(request.getHeader(HttpHeaders.HOST));
        if (slug == null) {
            problem(rc, ProblemType.NOT_FOUND, "This host is not served here");
            return;
        }
        if (slug.isEmpty()) {
            if (tokenTenant != null) {
                problem(rc, ProblemType.FORBIDDEN, "Use your agency's address, not the operators' one");
            } else {
                rc.put(AccessLog.TENANT, "platform");
                limitThenProxy(rc, "platform:" + (token == null ? "anonymous" : token.getSubject()), "platform");
            }
            return;
        }
        tenants.resolve(slug.get()).subscribe().with(tenant -> {
            if (tenant.isEmpty()) {
                problem(rc, ProblemType.NOT_FOUND, "No agency is served at this address");
                return;
            }
            rc.put(AccessLog.TENANT, tenant.get().slug());
            rc.put(AccessLog.TENANT_ID, tenant.get().id());
            if (!tenant.get().active()) {
                problem(rc, ProblemType.FORBIDDEN, "This agency is " + tenant.get().status() + " and cannot be used");
            } else if (!tenant.get().id().equals(tokenTenant)) {
                problem(rc, ProblemType.FORBIDDEN, "Your sign-in belongs to another address");
            } else {
                limitThenProxy(rc, tenant.get().id().toString(), tenant.get().tier());
            }
        }, failure -> {
            Log.errorf("Tenant lookup for %s failed: %s", slug.get(), failure.getMessage());
            problem(rc, ProblemType.SERVICE_UNAVAILABLE, "tenant-service cannot resolve this address right now");
        });
    }

    private static boolean hasBody(HttpServerRequest request) {
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        return request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null || (length != null && !length.equals("0"));
    }

    private boolean tooLarge(HttpServerRequest request) {
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        try {
            return length != null && Long.parseLong(length) > config.maxBodySize().asLongValue();
        } catch (NumberFormatException e) {
            return true;
        }
    }

    private void limitThenProxy(RoutingContext rc, String bucket, String tier) {
        limiter.acquire(bucket, tier).subscribe().with(decision -> {
            if (decision.allowed()) {
                proxy.handle(rc.request());
            } else {
                rc.response().putHeader("Retry-After", Long.toString(Math.max(1, (decision.retryAfter().toMillis() + 999) / 1000)));
                problem(rc, ProblemType.TOO_MANY_REQUESTS, "Too many requests for this agency; slow down and retry later");
            }
        });
    }

    private String serviceOf(HttpServerRequest request) {
        return rules.match(request.method().name(), request.path()).orElseThrow().service();
    }

    private SocketAddress upstreamOf(HttpServerRequest request) {
        URI base = URI.create(config.upstreams().get(serviceOf(request)));
        return SocketAddress.inetSocketAddress(base.getPort(), base.getHost());
    }

    /**
     * API authentication failures (expired, wrong audience, foreign signer) as problem+json, not an empty 401.
     * A portal page whose session cookie cannot be used (tampered, or sealed with another secret) sends the
     * browser back to the page: Quarkus has already cleared the cookie, so that visit starts a fresh sign-in.
     */
    private void authenticationFailure(RoutingContext rc) {
        boolean authentication = authenticationFailed(rc.failure());
        if (authentication && rc.request().path().startsWith("/portal")) {
            if (rc.request().cookies().stream().anyMatch(c -> c.getName().startsWith("q_session_portal"))) {
                SessionRevocations.signInAgain(rc);
            } else {
                rc.next();
            }
            return;
        }
        if (authentication) {
            rc.response().putHeader("WWW-Authenticate", "Bearer");
            problem(rc, ProblemType.UNAUTHENTICATED, "A valid bearer token is required");
        } else {
            rc.next();
        }
    }

    /** An authentication failure, also when it comes wrapped (e.g. raised by an identity augmentor). */
    private static boolean authenticationFailed(Throwable failure) {
        for (Throwable f = failure; f != null; f = f.getCause()) {
            if (f instanceof AuthenticationFailedException) {
                return true;
            }
        }
        return false;
    }

    private void problem(RoutingContext rc, ProblemType type, String detail) {
        rc.response().setStatusCode(type.status()).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .end(problemJson(type, detail, rc.request().path()));
    }

    private String problemJson(ProblemType type, String detail, String path) {
        try {
            return json.writeValueAsString(new Problem(type.uri(), type.title(), type.status(), detail, path,
                    RequestIds.current(), List.of()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Around each proxied request: the breaker of its service, the headers services learn about the original
     * request (its id and where it came from), and a 503 problem naming the service when it does not answer.
     */
    private final class Upstream implements ProxyInterceptor {
        @Override
        public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
            HttpServerRequest original = context.request().proxiedRequest();
            String service = serviceOf(original);
            if (!breakers.allow(service)) {
                return Future.succeededFuture(unavailable(context, service, service + "-service is unavailable; try again shortly"));
            }
            context.request().headers()
                    .set(RequestIds.HEADER, original.response().headers().get(RequestIds.HEADER))
                    .set("X-Forwarded-Host", String.valueOf(original.getHeader(HttpHeaders.HOST)))
                    .set("X-Forwarded-Proto", original.scheme())
                    .set("X-Forwarded-For", original.remoteAddress() == null ? "" : original.remoteAddress().hostAddress());
            boolean idempotent = IDEMPOTENT.contains(original.method()) && !hasBody(original);
            if (idempotent) {
                // Nothing to stream: the request can be sent again as it is.
                context.request().setBody(null);
            }
            return send(context, service, idempotent ? config.idempotentRetries() : 0).transform(result -> {
                if (result.succeeded() && result.result().getStatusCode() < 500) {
                    breakers.success(service);
                    return Future.succeededFuture(result.result());
                }
                breakers.failure(service);
                if (result.succeeded()) {
                    return Future.succeededFuture(result.result());
                }
                Log.warnf("%s did not answer %s %s: %s", service, original.method(), original.path(),
                        result.cause().getMessage());
                return Future.succeededFuture(unavailable(context, service, service + "-service did not answer"));
            });
        }

        /** The gateway already answers with the request's id; the service's copy of it would be a duplicate. */
        @Override
        public Future<Void> handleProxyResponse(ProxyContext context) {
            context.response().headers().remove(RequestIds.HEADER);
            return context.sendResponse();
        }

        /** Sends, and sends again (after a short pause) while the service does not answer or answers 502–504. */
        private Future<ProxyResponse> send(ProxyContext context, String service, int retriesLeft) {
            return context.sendRequest().transform(result -> {
                boolean retryable = result.failed() || RETRYABLE_STATUS.contains(result.result().getStatusCode());
                if (!retryable || retriesLeft == 0) {
                    return result.succeeded() ? Future.succeededFuture(result.result()) : Future.failedFuture(result.cause());
                }
                if (result.succeeded()) {
                    result.result().release();
                }
                metrics.counter("comply360.gateway.retries", "service", service).increment();
                long pause = RETRY_PAUSE.toMillis() * (config.idempotentRetries() - retriesLeft + 1);
                return Future.<Void>future(promise -> vertx.setTimer(pause, id -> promise.complete()))
                        .compose(ignored -> send(context, service, retriesLeft - 1));
            });
        }

        private ProxyResponse unavailable(ProxyContext context, String service, String detail) {
            return context.request().response().setStatusCode(503).setStatusMessage("Service Unavailable")
                    .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .putHeader("Retry-After", Long.toString(Math.max(1, breakers.openDuration().toSeconds())))
                    .setBody(Body.body(Buffer.buffer(problemJson(ProblemType.SERVICE_UNAVAILABLE, detail,
                            context.request().proxiedRequest().path()))));
        }
    }
}
