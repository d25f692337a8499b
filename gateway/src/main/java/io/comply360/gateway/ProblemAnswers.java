package io.comply360.gateway;

import java.time.Duration;
import java.util.List;

import io.comply360.platform.error.Problem;
import io.comply360.platform.error.ProblemJson;
import io.comply360.platform.error.ProblemType;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;

/**
 * The gateway's own refusals, written by the platform's {@link ProblemJson} so that they read like every
 * service's. A refusal sent before the request's body was read closes an HTTP/1.x connection afterwards: the
 * unread rest of the body would otherwise be taken for the next request, or have to be read to the end first.
 */
public final class ProblemAnswers {

    private ProblemAnswers() {}

    public static void send(RoutingContext rc, ProblemType type, String detail) {
        send(rc, type, type.status(), detail);
    }

    /** For a status without a more specific meaning here. */
    public static void send(RoutingContext rc, int status, String detail) {
        send(rc, ProblemType.forStatus(status), status, detail);
    }

    private static void send(RoutingContext rc, ProblemType type, int status, String detail) {
        HttpServerResponse response = rc.response();
        if (response.ended() || response.headWritten()) {
            return;
        }
        response.setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE);
        closeAfterwardsIfBodyUnread(rc);
        response.end(
                ProblemJson.render(type, status, detail, List.of(), rc.request().path()));
    }

    /** {@code Retry-After} in whole seconds, rounded up: never 0, which would invite a retry at once. */
    public static void retryAfter(RoutingContext rc, Duration wait) {
        rc.response().putHeader("Retry-After", Long.toString(Math.max(1, (wait.toMillis() + 999) / 1000)));
    }

    /**
     * Marks the answer {@code Connection: close} and closes the connection once it is written, when the
     * request's body has not been read to its end (HTTP/1.x; HTTP/2 streams end on their own).
     */
    public static void closeAfterwardsIfBodyUnread(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        if (request.isEnded() || request.version() == HttpVersion.HTTP_2) {
            return;
        }
        rc.response().putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
        rc.addEndHandler(ignored -> request.connection().close());
    }
}
