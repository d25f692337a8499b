package io.comply360.gateway;

import java.util.Map;

import io.comply360.gateway.RouteRules.Rule;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.impl.HttpServerRequestInternal;
import io.vertx.core.http.impl.HttpServerRequestWrapper;
import io.vertx.ext.web.RoutingContext;

/**
 * A request the gateway has accepted and hands to the proxy, with what the proxy's interceptor needs to know
 * about it: its route, its body limit, the request to the service once there is one, and whether the gateway
 * cut its body off.
 * <p>
 * For HTTP/2 it also presents the headers an HTTP/1.1 service expects: without the pseudo-headers and the
 * upgrade's settings, and with {@code Transfer-Encoding: chunked} for a body that comes without a length (HTTP/2
 * has no chunked encoding; the proxy would otherwise refuse to stream it).
 */
final class ForwardedRequest extends HttpServerRequestWrapper {

    private static final java.util.Set<HttpMethod> USUALLY_WITH_BODY =
            java.util.Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE);

    private final RoutingContext rc;
    private final Rule rule;
    private final long bodyLimit;
    private final MultiMap headers;
    private final boolean hasBody;
    private volatile HttpClientRequest upstream;
    private volatile BoundedBody.Cut cut;

    ForwardedRequest(RoutingContext rc, Rule rule, long bodyLimit) {
        super((HttpServerRequestInternal) rc.request());
        this.rc = rc;
        this.rule = rule;
        this.bodyLimit = bodyLimit;
        String length = delegate.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (delegate.version() == HttpVersion.HTTP_2) {
            this.hasBody = length != null ? !length.equals("0") : USUALLY_WITH_BODY.contains(delegate.method());
            this.headers = http1Headers(delegate.headers(), hasBody && length == null);
        } else {
            this.hasBody = delegate.getHeader(HttpHeaders.TRANSFER_ENCODING) != null
                    || (length != null && !length.equals("0"));
            this.headers = delegate.headers();
        }
    }

    private static MultiMap http1Headers(MultiMap http2, boolean chunked) {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        for (Map.Entry<String, String> header : http2) {
            if (!header.getKey().startsWith(":") && !header.getKey().equalsIgnoreCase("http2-settings")) {
                headers.add(header.getKey(), header.getValue());
            }
        }
        if (chunked) {
            headers.set(HttpHeaders.TRANSFER_ENCODING, HttpHeaders.CHUNKED);
        }
        return headers;
    }

    @Override
    public MultiMap headers() {
        return headers;
    }

    @Override
    public String getHeader(String name) {
        return headers.get(name);
    }

    @Override
    public String getHeader(CharSequence name) {
        return headers.get(name);
    }

    RoutingContext routingContext() {
        return rc;
    }

    Rule rule() {
        return rule;
    }

    long bodyLimit() {
        return bodyLimit;
    }

    boolean hasBody() {
        return hasBody;
    }

    /** The body's length when the client declared it, else -1 (streamed). */
    long declaredLength() {
        String length = headers.get(HttpHeaders.CONTENT_LENGTH);
        return length == null ? -1 : Long.parseLong(length);
    }

    HttpClientRequest upstream() {
        return upstream;
    }

    void upstream(HttpClientRequest upstream) {
        this.upstream = upstream;
    }

    BoundedBody.Cut cut() {
        return cut;
    }

    void cut(BoundedBody.Cut cut) {
        this.cut = cut;
    }

    /** Whether the client is gone (its connection closed before the answer). */
    boolean clientGone() {
        return delegate.response().closed();
    }
}
