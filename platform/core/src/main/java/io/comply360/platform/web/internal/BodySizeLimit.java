package io.comply360.platform.web.internal;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.comply360.platform.error.FieldError;
import io.comply360.platform.error.Problem;
import io.comply360.platform.error.ProblemJson;
import io.comply360.platform.error.ProblemType;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * A body announced larger than {@code quarkus.http.limits.max-body-size} is answered with a 413 problem naming the
 * limit. Quarkus itself would answer it with an empty 413 (in a route of order -2); this route runs just before
 * it, so clients meet the same problem document as everywhere else. Bodies without a length are still cut off by
 * Quarkus at the limit.
 */
@ApplicationScoped
public class BodySizeLimit {

    private final Optional<MemorySize> limit;

    public BodySizeLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> limit) {
        this.limit = limit;
    }

    void install(@Observes Router router) {
        limit.ifPresent(max -> router.route().order(-3).handler(rc -> check(rc, max.asLongValue())));
    }

    private static void check(RoutingContext rc, long max) {
        String length = rc.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            long declared;
            try {
                declared = Long.parseLong(length.strip());
            } catch (NumberFormatException e) {
                declared = -1;
            }
            if (declared > max) {
                String detail = "The body is larger than this service accepts (" + describe(max) + ")";
                rc.response()
                        .setStatusCode(413)
                        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                        .putHeader(HttpHeaders.CONNECTION, "close")
                        .end(ProblemJson.render(
                                ProblemType.PAYLOAD_TOO_LARGE,
                                detail,
                                List.of(new FieldError("body", "is larger than " + describe(max))),
                                rc.request().path()));
                return;
            }
        }
        rc.next();
    }

    private static String describe(long bytes) {
        if (bytes >= 1024 * 1024) {
            return Math.round(bytes / (1024.0 * 1024.0) * 10) / 10.0 + " MB";
        }
        return bytes / 1024 + " KB";
    }
}
