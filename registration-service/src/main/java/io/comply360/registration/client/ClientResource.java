package io.comply360.registration.client;

import java.net.URI;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.comply360.platform.data.IdempotencyKeys;
import io.comply360.platform.data.IdempotencyKeys.Created;
import io.comply360.platform.data.StoredResponse;
import io.comply360.platform.tenancy.Roles;
import io.comply360.platform.web.PageRequest;
import io.comply360.platform.web.Versions;
import io.comply360.registration.Caller;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/clients")
@Produces(MediaType.APPLICATION_JSON)
public class ClientResource {

    static final String CREATE = "client.create";

    private final ClientService clients;
    private final Caller caller;
    private final IdempotencyKeys idempotency;

    public ClientResource(ClientService clients, Caller caller, IdempotencyKeys idempotency) {
        this.clients = clients;
        this.caller = caller;
        this.idempotency = idempotency;
    }

    @GET
    @RolesAllowed({Roles.TENANT_ADMIN, Roles.AGENT, Roles.AGENT_ASSISTANT})
    public Uni<Response> list(
            @Valid @BeanParam PageRequest page,
            @QueryParam("q") @Size(max = 100, message = "must be at most 100 characters") String query,
            @QueryParam("includeArchived") @DefaultValue("false") boolean includeArchived) {
        return clients.list(caller.tenantId(), query, includeArchived, page.limit, page.offset)
                .map(p -> p.toResponse());
    }

    @POST
    @RolesAllowed({Roles.AGENT, Roles.AGENT_ASSISTANT})
    public Uni<Response> create(
            @Valid @NotNull(message = "is required") ClientRequest body,
            @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey) {
        return clients.create(
                        caller.tenantId(),
                        caller.userId(),
                        caller.role(),
                        body,
                        idempotency.guard(
                                idempotencyKey,
                                CREATE,
                                caller.userId(),
                                body,
                                client -> new Created(
                                        201, URI.create("/api/v1/clients/" + client.id), ClientView.of(client))))
                .map(StoredResponse::toResponse);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.TENANT_ADMIN, Roles.AGENT, Roles.AGENT_ASSISTANT})
    public Uni<Response> get(@PathParam("id") UUID id) {
        return clients.get(caller.tenantId(), id).map(ClientResource::withETag);
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed({Roles.AGENT, Roles.AGENT_ASSISTANT})
    public Uni<Response> replace(
            @PathParam("id") UUID id,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull(message = "is required") ClientRequest body) {
        return clients.replace(caller.tenantId(), caller.userId(), caller.role(), id, ifMatch, body)
                .map(ClientResource::withETag);
    }

    @POST
    @Path("/{id}/archive")
    @RolesAllowed({Roles.TENANT_ADMIN, Roles.AGENT})
    public Uni<Response> archive(@PathParam("id") UUID id) {
        return clients.archive(caller.tenantId(), caller.userId(), caller.role(), id)
                .map(ClientResource::withETag);
    }

    private static Response withETag(Client client) {
        return Response.ok(ClientView.of(client))
                .tag(Versions.etag(client.version))
                .build();
    }
}
