package io.comply360.tenant.users;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.comply360.platform.data.IdempotencyKeys;
import io.comply360.platform.data.StoredResponse;
import io.comply360.platform.tenancy.CurrentTenant;
import io.comply360.platform.tenancy.Roles;
import io.comply360.platform.web.PageRequest;
import io.comply360.tenant.keycloak.TenantAccounts.Member;
import io.smallrye.mutiny.Uni;

/** The people of the caller's agency, for its tenant admins. Someone of another agency answers 404. */
@Path("/api/v1/users")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.TENANT_ADMIN)
public class UserResource {

    private final UserService users;
    private final CurrentTenant caller;

    public UserResource(UserService users, CurrentTenant caller) {
        this.users = users;
        this.caller = caller;
    }

    @GET
    public Uni<Response> list(@Valid @BeanParam PageRequest page) {
        return users.list(caller.require(), page.limit, page.offset).map(p -> p.toResponse());
    }

    @POST
    public Uni<Response> invite(
            @Valid @NotNull(message = "is required") InviteRequest body,
            @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey) {
        return users.invite(caller.require(), caller.userId(), idempotencyKey, body)
                .map(StoredResponse::toResponse);
    }

    @GET
    @Path("/{id}")
    public Uni<Member> get(@PathParam("id") String id) {
        return users.get(caller.require(), id);
    }

    @PUT
    @Path("/{id}/roles")
    public Uni<Member> changeRoles(
            @PathParam("id") String id, @Valid @NotNull(message = "is required") RoleChange body) {
        return users.changeRoles(caller.require(), caller.userId(), id, body);
    }

    @POST
    @Path("/{id}/deactivate")
    public Uni<Member> deactivate(@PathParam("id") String id) {
        return users.deactivate(caller.require(), caller.userId(), id);
    }

    @POST
    @Path("/{id}/reactivate")
    public Uni<Member> reactivate(@PathParam("id") String id) {
        return users.reactivate(caller.require(), caller.userId(), id);
    }
}
