package io.comply360.clients.tenant;

import java.time.DayOfWeek;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;

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

    /** The agency's logo (PNG or JPEG) at version {@code v} of its branding. */
    @GET
    @Path("/{id}/logo")
    @Produces({"image/png", "image/jpeg"})
    Uni<byte[]> logo(@PathParam("id") UUID id, @QueryParam("v") String version);

    /** The enabled people of the tenant with a tenant role (at most 500). */
    @GET
    @Path("/{id}/users")
    Uni<List<Person>> people(@PathParam("id") UUID id, @QueryParam("role") String role);

    /** What services read of a tenant. */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    record TenantInfo(
            UUID id,
            String slug,
            String legalName,
            List<String> countries,
            String status,
            Branding branding,
            Sla sla) {}

    /**
     * How the agency looks in what it sends: its name, colour, default locale, time zone, and where its logo is
     * ({@code /internal/tenants/{id}/logo?v=…}, null without one).
     */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Branding(String displayName, String primaryColour, String defaultLocale, String timeZone, String logo) {}

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
