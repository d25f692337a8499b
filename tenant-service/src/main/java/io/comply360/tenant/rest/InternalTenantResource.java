package io.comply360.tenant.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.comply360.platform.tenancy.Roles;
import io.comply360.tenant.service.TenantService;
import io.smallrye.mutiny.Uni;

/** Tenant lookups for other services (the gateway resolves hosts with it). Never routed by the gateway. */
@Path("/internal/tenants")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.SERVICE)
public class InternalTenantResource {

    private final TenantService tenants;

    public InternalTenantResource(TenantService tenants) {
        this.tenants = tenants;
    }

    /** The tenant a host's subdomain names: id, status, tier (404 for an unknown slug). */
    @GET
    @Path("/by-slug/{slug}")
    public Uni<TenantView> bySlug(@PathParam("slug") String slug) {
        return tenants.bySlug(slug).map(TenantView::of);
    }
}
