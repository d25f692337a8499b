package io.comply360.registration.client;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.comply360.platform.tenancy.Roles;
import io.smallrye.mutiny.Uni;

/**
 * How to reach a client, for notification-service. Service accounts carry no tenant: the caller names it (from the
 * event it handles), and the lookup runs in that tenant only. Never routed by the gateway.
 */
@Path("/internal/clients")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.SERVICE)
public class InternalClientResource {

    private final ClientService clients;

    public InternalClientResource(ClientService clients) {
        this.clients = clients;
    }

    @GET
    @Path("/{id}/contact")
    public Uni<ClientService.Contact> contact(
            @PathParam("id") UUID id, @QueryParam("tenantId") @NotNull(message = "is required") UUID tenantId) {
        return clients.contact(tenantId, id);
    }
}
