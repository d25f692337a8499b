package io.comply360.registration.filing;

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

/** A filing's data for document-service to verify documents against (it records the data version). */
@Path("/internal/registrations")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.SERVICE)
public class InternalRegistrationResource {

    private final RegistrationService registrations;

    public InternalRegistrationResource(RegistrationService registrations) {
        this.registrations = registrations;
    }

    @GET
    @Path("/{id}/filing-data")
    public Uni<RegistrationView.FilingData> filingData(
            @PathParam("id") UUID id, @QueryParam("tenantId") @NotNull(message = "is required") UUID tenantId) {
        return registrations.filingData(tenantId, id);
    }
}
