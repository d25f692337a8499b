package io.comply360.document.storage;

import java.util.List;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.comply360.platform.error.Problem;
import io.comply360.platform.error.ProblemJson;
import io.comply360.platform.error.ProblemType;
import io.quarkus.logging.Log;

import software.amazon.awssdk.core.exception.SdkException;

/** The document store failing (after the SDK's own retries) or its breaker open: 503, try again shortly. */
public class StoreProblems {

    @ServerExceptionMapper
    public Response storeUnavailable(SdkException e, UriInfo uri) {
        Log.warnf("The document store failed: %s", e.toString());
        return unavailable(uri);
    }

    @ServerExceptionMapper
    public Response breakerOpen(CircuitBreakerOpenException e, UriInfo uri) {
        return unavailable(uri);
    }

    private static Response unavailable(UriInfo uri) {
        return Response.status(ProblemType.SERVICE_UNAVAILABLE.status())
                .type(Problem.MEDIA_TYPE)
                .entity(ProblemJson.render(
                        ProblemType.SERVICE_UNAVAILABLE,
                        "The document store is not answering; try again shortly",
                        List.of(),
                        uri.getRequestUri().getRawPath()))
                .header("Retry-After", "10")
                .build();
    }
}
