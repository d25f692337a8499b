package io.comply360.gateway;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.comply360.platform.error.Problem;
import io.comply360.platform.error.ProblemType;
import io.comply360.platform.web.RequestIds;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;

/**
 * The gateway's own refusals as problem documents, the same shape every service answers with. A refusal sent
 * before the request's body was read closes an HTTP/1.x connection afterwards: the unread rest of the body
 * would otherwise be taken for the next request, or have to be read to the end first.
 */
@ApplicationScoped
public class Problems {

    private final ObjectMapper json;

    public Problems(ObjectMapper json) {
        this.json = json;
    }

    public void send(RoutingContext rc, ProblemType type, String detail) {
        send(rc, type.uri(), type.title(), type.status(), detail);
    }

    /** For a status without a more specific meaning here. */
    public void send(RoutingContext rc, int status, String detail) {
        ProblemType type = ProblemType.forStatus(status);
        send(rc, type.uri(), type.title(), status, detail);
    }

    private void send(RoutingContext rc, String type, String title, int status, String detail) {
        HttpServerResponse response = rc.response();
        if (response.ended() || response.headWritten()) {
            return;
        }
        response.setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE);
        closeAfterwardsIfBodyUnread(rc);
        response.end(body(type, title, status, detail, rc.request().path()));
    }

    /** The body of a problem answer, for answers that are not written through a routing context. */
    public String body(ProblemType type, String detail, String path) {
        return body(type.uri(), type.title(), type.status(), detail, path);
    }

    private String body(String type, String title, int status, String detail, String path) {
        try {
            return json.writeValueAsString(new Problem(type, title, status, detail, path, RequestIds.current(), List.of()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
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
