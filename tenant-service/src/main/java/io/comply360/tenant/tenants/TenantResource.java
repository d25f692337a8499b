package io.comply360.tenant.tenants;

import java.net.URI;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.comply360.platform.data.IdempotencyKeys;
import io.comply360.platform.data.IdempotencyKeys.Created;
import io.comply360.platform.data.StoredResponse;
import io.comply360.platform.tenancy.CurrentTenant;
import io.comply360.platform.tenancy.Roles;
import io.comply360.platform.web.PageRequest;
import io.smallrye.mutiny.Uni;

/** Tenants, for platform admins. */
@Path("/api/v1/tenants")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.PLATFORM_ADMIN)
public class TenantResource {

    private static final String CREATE = "POST /api/v1/tenants";

    private final TenantService tenants;
    private final CurrentTenant caller;
    private final IdempotencyKeys idempotency;

    public TenantResource(TenantService tenants, CurrentTenant caller, IdempotencyKeys idempotency) {
        this.tenants = tenants;
        this.caller = caller;
        this.idempotency = idempotency;
    }

    /**
     * 201 with the new tenant, or 200 with the same tenant asked for again. Once per {@code Idempotency-Key}: the
     * service runs the key's guard inside its transaction, so the answer stored for the key commits with the tenant
     * it created (and a replay answers the stored bytes without creating anything).
     */
    @POST
    public Uni<Response> create(
            @Valid @NotNull(message = "is required") TenantRequest body,
            @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey) {
        return tenants.create(
                        body, idempotency.guard(idempotencyKey, CREATE, caller.userId(), body, TenantResource::answer))
                .map(StoredResponse::toResponse);
    }

    private static Created answer(TenantService.Creation creation) {
        Tenant tenant = creation.tenant();
        return new Created(
                creation.isNew() ? 201 : 200, URI.create("/api/v1/tenants/" + tenant.id), TenantView.of(tenant));
    }

    @GET
    public Uni<Response> list(@Valid @BeanParam PageRequest page) {
        return tenants.list(page.limit, page.offset).map(p -> p.toResponse());
    }

    /** Where the tenant's provisioning saga stands (and why it is blocked, if it is). */
    @GET
    @Path("/{id}/provisioning")
    public Uni<ProvisioningView> provisioning(@PathParam("id") UUID id) {
        return tenants.provisioning(id);
    }

    /** Resumes provisioning after its cause is gone; 202, the saga runs in the background. */
    @POST
    @Path("/{id}/provisioning")
    public Uni<Response> resumeProvisioning(@PathParam("id") UUID id) {
        return tenants.resumeProvisioning(id, caller.userId())
                .map(view -> Response.accepted(view).build());
    }

    /** Suspends an active tenant: the gateway stops serving it; its data stays. A reason is required. */
    @POST
    @Path("/{id}/suspend")
    public Uni<TenantView> suspend(@PathParam("id") UUID id, @Valid @NotNull(message = "is required") Reason body) {
        return tenants.transition(id, TenantService.Transition.SUSPEND, caller.userId(), body.reason())
                .map(TenantView::of);
    }

    @POST
    @Path("/{id}/reactivate")
    public Uni<TenantView> reactivate(@PathParam("id") UUID id) {
        return tenants.transition(id, TenantService.Transition.REACTIVATE, caller.userId(), null)
                .map(TenantView::of);
    }

    /** Closes a tenant for good (its data is kept for the retention period). A reason is required. */
    @POST
    @Path("/{id}/close")
    public Uni<TenantView> close(@PathParam("id") UUID id, @Valid @NotNull(message = "is required") Reason body) {
        return tenants.transition(id, TenantService.Transition.CLOSE, caller.userId(), body.reason())
                .map(TenantView::of);
    }

    /**
     * Cancels a tenant still provisioning (blocked, or not wanted any more): its slug is free again and what
     * provisioning created in Keycloak is removed. A reason is required.
     */
    @POST
    @Path("/{id}/cancel")
    public Uni<TenantView> cancel(@PathParam("id") UUID id, @Valid @NotNull(message = "is required") Reason body) {
        return tenants.transition(id, TenantService.Transition.CANCEL, caller.userId(), body.reason())
                .map(TenantView::of);
    }

    /** Why a platform admin suspends or closes a tenant; recorded in the tenant's audit trail. */
    public record Reason(
            @jakarta.validation.constraints.NotBlank(message = "is required")
            @jakarta.validation.constraints.Size(max = 500, message = "must be at most 500 characters")
            String reason) {}

    @GET
    @Path("/{id}")
    public Uni<TenantView> get(@PathParam("id") UUID id) {
        return tenants.get(id).map(TenantView::of);
    }
}
