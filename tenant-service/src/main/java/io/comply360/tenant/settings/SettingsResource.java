package io.comply360.tenant.settings;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.comply360.platform.tenancy.CurrentTenant;
import io.comply360.platform.tenancy.Roles;
import io.comply360.platform.web.PageRequest;
import io.comply360.platform.web.Versions;
import io.smallrye.mutiny.Uni;

/** The caller's tenant's settings: everyone in the agency reads them, the tenant admin changes them. */
@Path("/api/v1/settings")
@Produces(MediaType.APPLICATION_JSON)
public class SettingsResource {

    private final SettingsService settings;
    private final CurrentTenant caller;

    public SettingsResource(SettingsService settings, CurrentTenant caller) {
        this.settings = settings;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({Roles.TENANT_ADMIN, Roles.AGENT, Roles.AGENT_ASSISTANT})
    public Uni<Response> get() {
        return settings.current(caller.require()).map(this::withETag);
    }

    @PUT
    @RolesAllowed(Roles.TENANT_ADMIN)
    public Uni<Response> replace(
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull(message = "is required") SettingsRequest body) {
        return settings.replace(caller.require(), caller.userId(), ifMatch, body)
                .map(this::withETag);
    }

    /** Every saved version, newest first: who saved it and which fields changed. */
    @GET
    @Path("/history")
    @RolesAllowed(Roles.TENANT_ADMIN)
    public Uni<Response> history(@Valid @BeanParam PageRequest page) {
        return settings.history(caller.require(), page.limit, page.offset).map(p -> p.toResponse());
    }

    private Response withETag(TenantSettings current) {
        return Response.ok(SettingsView.of(current))
                .tag(Versions.etag(current.version))
                .build();
    }
}
