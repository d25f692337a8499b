package io.comply360.platform.broker.internal;

import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.comply360.platform.concurrent.BlockingCalls;
import io.comply360.platform.tenancy.Roles;
import io.smallrye.mutiny.Uni;

/**
 * DLQ tools of the service's queues, for operators (platform admins) and automation (service accounts).
 * Under {@code /internal}: never routed by the gateway; reach it through the cluster network.
 */
@Path("/internal/dead-letters/{queue}")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.PLATFORM_ADMIN, Roles.SERVICE})
public class DeadLetterResource {

    private final DeadLetters deadLetters;

    public DeadLetterResource(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @GET
    public Uni<List<DeadLetters.DeadLetter>> list(
            @PathParam("queue") String queue,
            @QueryParam("limit")
                    @DefaultValue("50")
                    @Min(value = 1, message = "must be at least 1")
                    @Max(value = 500, message = "must be at most 500")
                    int limit) {
        return BlockingCalls.run(() -> deadLetters.list(queue, limit));
    }

    /** Replays one dead letter ({@code messageId}) or all of them. */
    @POST
    @Path("/replay")
    public Uni<Map<String, Integer>> replay(
            @PathParam("queue") String queue, @QueryParam("messageId") String messageId) {
        return BlockingCalls.run(() -> Map.of("replayed", deadLetters.replay(queue, messageId)));
    }

    @DELETE
    public Uni<Map<String, Integer>> purge(@PathParam("queue") String queue) {
        return BlockingCalls.run(() -> Map.of("purged", deadLetters.purge(queue)));
    }
}
