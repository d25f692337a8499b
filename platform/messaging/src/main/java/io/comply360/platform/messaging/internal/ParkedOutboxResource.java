package io.comply360.platform.messaging.internal;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.comply360.platform.concurrent.BlockingCalls;
import io.comply360.platform.error.ProblemException;
import io.comply360.platform.error.ProblemType;
import io.comply360.platform.tenancy.Roles;
import io.smallrye.mutiny.Uni;

/**
 * The parked outbox rows of the service, for operators (platform admins) and automation (service accounts), like
 * the DLQ tools. Under {@code /internal}: never routed by the gateway; reach it through the cluster network.
 */
@Path("/internal/outbox/parked")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.PLATFORM_ADMIN, Roles.SERVICE})
public class ParkedOutboxResource {

    private final ParkedOutbox parked;

    public ParkedOutboxResource(ParkedOutbox parked) {
        this.parked = parked;
    }

    @GET
    public Uni<List<ParkedOutbox.ParkedRow>> list(
            @QueryParam("limit")
                    @DefaultValue("50")
                    @Min(value = 1, message = "must be at least 1")
                    @Max(value = 500, message = "must be at most 500")
                    int limit) {
        return BlockingCalls.run(() -> parked.list(limit));
    }

    /** Sends one parked row ({@code id}) or all of them again, with a full set of attempts. */
    @POST
    @Path("/retry")
    public Uni<Map<String, Integer>> retry(@QueryParam("id") String id) {
        UUID row = id == null ? null : uuid(id);
        return BlockingCalls.run(() -> Map.of("retried", parked.retry(row)));
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(ProblemType.MALFORMED_REQUEST, "id must be a UUID, not " + id);
        }
    }
}
