package io.comply360.gateway.portal;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.smallrye.mutiny.Uni;

/** tenant-service's public API, called with the signed-in user's own access token. */
@RegisterRestClient(configKey = "portal-tenant")
@Path("/api/v1")
public interface PortalTenantClient {

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Settings(String displayName) {}

    @GET
    @Path("/settings")
    Uni<Settings> settings(@HeaderParam("Authorization") String bearer);
}
