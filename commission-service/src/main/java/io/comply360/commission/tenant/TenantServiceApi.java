package io.comply360.commission.tenant;

import java.util.UUID;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;

/** tenant-service's internal directory: an agent's name and e-mail for their partner in the agency's Odoo. */
@RegisterRestClient(configKey = "tenant-service")
@OidcClientFilter
@Path("/internal/tenants")
public interface TenantServiceApi {

    @GET
    @Path("/{id}/users/{userId}")
    Uni<Person> person(@PathParam("id") UUID tenantId, @PathParam("userId") String userId);

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Person(String id, String firstName, String lastName, String email, String phone) {

        public String displayName() {
            String name = ((firstName == null ? "" : firstName) + " " + (lastName == null ? "" : lastName)).trim();
            return name.isEmpty() ? (email == null ? id : email) : name;
        }
    }
}
