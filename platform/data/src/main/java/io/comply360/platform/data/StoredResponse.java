package io.comply360.platform.data;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The answer of a creating POST as it was sent (status, Location, JSON body), so that a retry with the
 * same {@code Idempotency-Key} gets the very same bytes back, marked {@code Idempotent-Replayed: true}.
 */
public record StoredResponse(int status, String location, String body, boolean replayed) {

    public static final String REPLAYED_HEADER = "Idempotent-Replayed";

    public Response toResponse() {
        Response.ResponseBuilder builder =
                Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body);
        if (location != null) {
            builder.header("Location", location);
        }
        if (replayed) {
            builder.header(REPLAYED_HEADER, "true");
        }
        return builder.build();
    }
}
