package io.comply360.registration.filing;

import java.net.URI;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.ResponseHeader;

import com.fasterxml.jackson.databind.JsonNode;

import io.comply360.platform.data.IdempotencyKeys;
import io.comply360.platform.data.IdempotencyKeys.Created;
import io.comply360.platform.data.StoredResponse;
import io.comply360.platform.tenancy.Roles;
import io.comply360.platform.web.PageRequest;
import io.comply360.platform.web.Versions;
import io.comply360.registration.Caller;
import io.comply360.registration.filing.RegistrationService.Loaded;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/registrations")
@Produces(MediaType.APPLICATION_JSON)
public class RegistrationResource {

    static final String START = "registration.start";

    private final RegistrationService registrations;
    private final RegistrationExport export;
    private final Caller caller;
    private final IdempotencyKeys idempotency;

    public RegistrationResource(
            RegistrationService registrations, RegistrationExport export, Caller caller, IdempotencyKeys idempotency) {
        this.registrations = registrations;
        this.export = export;
        this.caller = caller;
        this.idempotency = idempotency;
    }

    @GET
    @RolesAllowed({Roles.TENANT_ADMIN, Roles.AGENT, Roles.AGENT_ASSISTANT})
    public Uni<Response> list(@Valid @BeanParam PageRequest page, @Valid @BeanParam RegistrationFilter filter) {
        return registrations
                .list(caller.tenantId(), filter, page.limit, page.offset)
                .map(p -> p.toResponse());
    }

    @POST
    @RolesAllowed({Roles.AGENT, Roles.AGENT_ASSISTANT})
    public Uni<Response> start(
            @Valid @NotNull(message = "is required") RegistrationRequests.Start body,
            @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey) {
        return registrations
                .start(
                        caller.actor(),
                        body,
                        idempotency.guard(
                                idempotencyKey,
                                START,
                                caller.userId(),
                                body,
                                (Loaded loaded) -> new Created(
                                        201,
                                        URI.create("/api/v1/registrations/" + loaded.registration().id),
                                        loaded.view())))
                .map(StoredResponse::toResponse);
    }

    /** The filtered list as CSV, every page of it, written as it is read (tenant admins). */
    @GET
    @Path("/export")
    @Produces("text/csv")
    @RolesAllowed(Roles.TENANT_ADMIN)
    @ResponseHeader(name = HttpHeaders.CONTENT_DISPOSITION, value = "attachment; filename=\"registrations.csv\"")
    public Multi<String> exportCsv(@Valid @BeanParam RegistrationFilter filter) {
        return export.csv(caller.tenantId(), filter);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.TENANT_ADMIN, Roles.AGENT, Roles.AGENT_ASSISTANT})
    public Uni<Response> get(@PathParam("id") UUID id) {
        return registrations.get(caller.tenantId(), id).map(RegistrationResource::withETag);
    }

    @PUT
    @Path("/{id}/steps/{step}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.AGENT, Roles.AGENT_ASSISTANT})
    public Uni<Response> saveStep(
            @PathParam("id") UUID id,
            @PathParam("step") String step,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @NotNull(message = "is required") JsonNode data) {
        return registrations.saveStep(caller.actor(), id, step, ifMatch, data).map(RegistrationResource::withETag);
    }

    @GET
    @Path("/{id}/timeline")
    @RolesAllowed({Roles.TENANT_ADMIN, Roles.AGENT, Roles.AGENT_ASSISTANT})
    public Uni<Response> timeline(@PathParam("id") UUID id, @Valid @BeanParam PageRequest page) {
        return registrations
                .timeline(caller.tenantId(), id, page.limit, page.offset)
                .map(p -> p.toResponse());
    }

    @POST
    @Path("/{id}/submit")
    @RolesAllowed(Roles.AGENT)
    public Uni<Response> submit(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return registrations.submit(caller.actor(), id, ifMatch).map(RegistrationResource::withETag);
    }

    @POST
    @Path("/{id}/assign")
    @RolesAllowed({Roles.TENANT_ADMIN, Roles.AGENT})
    public Uni<Response> assign(@PathParam("id") UUID id, @Valid RegistrationRequests.Assign body) {
        return registrations
                .assign(caller.actor(), id, body == null ? null : body.assigneeId())
                .map(RegistrationResource::withETag);
    }

    @POST
    @Path("/{id}/request-changes")
    @RolesAllowed(Roles.TENANT_ADMIN)
    public Uni<Response> requestChanges(
            @PathParam("id") UUID id,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull(message = "is required") RegistrationRequests.Reason body) {
        return registrations
                .review(caller.actor(), id, RegistrationWorkflow.REQUEST_CHANGES, body.reason(), ifMatch)
                .map(RegistrationResource::withETag);
    }

    @POST
    @Path("/{id}/approve")
    @RolesAllowed(Roles.TENANT_ADMIN)
    public Uni<Response> approve(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return registrations
                .review(caller.actor(), id, RegistrationWorkflow.APPROVE, null, ifMatch)
                .map(RegistrationResource::withETag);
    }

    @POST
    @Path("/{id}/reject")
    @RolesAllowed(Roles.TENANT_ADMIN)
    public Uni<Response> reject(
            @PathParam("id") UUID id,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull(message = "is required") RegistrationRequests.Reason body) {
        return registrations
                .review(caller.actor(), id, RegistrationWorkflow.REJECT, body.reason(), ifMatch)
                .map(RegistrationResource::withETag);
    }

    @POST
    @Path("/{id}/file")
    @RolesAllowed({Roles.TENANT_ADMIN, Roles.AGENT})
    public Uni<Response> file(
            @PathParam("id") UUID id,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull(message = "is required") RegistrationRequests.File body) {
        return registrations
                .file(caller.actor(), id, body.registryReference(), ifMatch)
                .map(RegistrationResource::withETag);
    }

    @POST
    @Path("/{id}/register")
    @RolesAllowed({Roles.TENANT_ADMIN, Roles.AGENT})
    public Uni<Response> register(
            @PathParam("id") UUID id,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull(message = "is required") RegistrationRequests.Register body) {
        return registrations.register(caller.actor(), id, body, ifMatch).map(RegistrationResource::withETag);
    }

    @POST
    @Path("/{id}/cancel")
    @RolesAllowed({Roles.TENANT_ADMIN, Roles.AGENT})
    public Uni<Response> cancel(
            @PathParam("id") UUID id,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull(message = "is required") RegistrationRequests.Reason body) {
        return registrations.cancel(caller.actor(), id, body.reason(), ifMatch).map(RegistrationResource::withETag);
    }

    private static Response withETag(Loaded loaded) {
        return Response.ok(loaded.view())
                .tag(Versions.etag(loaded.registration().version))
                .build();
    }
}
