package io.comply360.registration.tenant;

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
import io.smallrye.mutiny.Uni;

/** tenant-service's internal API, called with this service's own service account. */
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

    /** What this service needs of a tenant; other fields of tenant-service's answer are ignored. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record TenantInfo(UUID id, String slug, List<String> countries, String status, Sla sla) {}

    /** Business hours a filing may stay in each state, the working week, and the zone they are counted in. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Sla(Map<String, Integer> targets, Hours businessHours, String timeZone) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Hours(List<DayOfWeek> days, String opens, String closes) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Person(String id, boolean enabled, List<String> roles) {}
}
