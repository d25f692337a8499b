package io.comply360.clients.tenant;

import java.time.DayOfWeek;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;

/** tenant-service's internal API, called with the calling service's own service account. */
@RegisterRestClient(configKey = "tenant-service")
@OidcClientFilter
@Path("/internal/tenants")
public interface TenantServiceApi {

    @GET
    @Path("/{id}")
    Uni<TenantInfo> tenant(@PathParam("id") UUID id);

    @GET
    @Path("/{id}/users/{userId}")
    Uni<Person> person(@PathParam("id") UUID id, @PathParam("userId") String userId);

    /** What services read of a tenant. */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    record TenantInfo(UUID id, String slug, List<String> countries, String status, Sla sla) {}

    /** Business hours a filing may stay in each state, the working week, and the zone they are counted in. */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Sla(Map<String, Integer> targets, Hours businessHours, String timeZone) {}

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Hours(List<DayOfWeek> days, String opens, String closes) {}

    /** One person of the tenant: who they are, how to reach them, and whether they may still act. */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Person(
            String id,
            String firstName,
            String lastName,
            String email,
            String phone,
            String locale,
            boolean enabled,
            List<String> roles) {

        /** "First Last", else the e-mail, else the id. */
        public String displayName() {
            String name = ((firstName == null ? "" : firstName) + " " + (lastName == null ? "" : lastName)).trim();
            return name.isEmpty() ? (email == null ? id : email) : name;
        }
    }
}
