package io.comply360.clients.registration;

import java.util.UUID;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;

/** registration-service's clients (the agency's customers), as other services read them. */
@RegisterRestClient(configKey = "registration-service")
@OidcClientFilter
@Path("/internal/clients")
public interface RegistrationClientsApi {

    @GET
    @Path("/{id}/contact")
    Uni<Contact> contact(@PathParam("id") UUID id, @QueryParam("tenantId") UUID tenantId);

    /** How to reach a client; {@code archived} clients are no longer served. */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Contact(UUID id, String name, String email, String phone, String locale, boolean archived) {}
}
