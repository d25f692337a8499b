package io.comply360.platform.data.internal;

import java.util.List;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.comply360.platform.data.IdempotencyKeys;
import io.comply360.platform.error.FieldError;
import io.comply360.platform.error.ProblemType;
import io.comply360.platform.error.internal.ProblemMappers;
import io.vertx.core.http.HttpServerRequest;

/**
 * An {@code Idempotency-Key} header that is present but empty (or sent twice) is a client mistake, not "no key":
 * 400 before any resource runs. A {@code @HeaderParam} cannot tell an empty header from a missing one.
 */
public class IdempotencyKeyHeader {

    @ServerRequestFilter(preMatching = true)
    public Response refuseEmptyKeys(HttpServerRequest request, UriInfo uri) {
        List<String> values = request.headers().getAll(IdempotencyKeys.HEADER);
        if (values.isEmpty() || (values.size() == 1 && !values.get(0).isBlank())) {
            return null;
        }
        return ProblemMappers.respond(
                ProblemType.MALFORMED_REQUEST,
                "Invalid Idempotency-Key",
                List.of(new FieldError(
                        IdempotencyKeys.HEADER,
                        values.size() > 1
                                ? "must be sent once"
                                : "must be 1 to 255 visible ASCII characters; leave the header out to send no key")),
                uri);
    }
}
