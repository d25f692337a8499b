package io.comply360.commission.settlement;

import java.time.LocalDate;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.comply360.commission.Actor;
import io.comply360.commission.Filters;
import io.comply360.platform.tenancy.CurrentTenant;
import io.comply360.platform.tenancy.Roles;
import io.comply360.platform.web.PageRequest;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/** Settlements: tenant admins run and see them all; an agent sees their own statements. */
@Path("/api/v1/settlements")
@Produces(MediaType.APPLICATION_JSON)
public class SettlementResource {

    public record Run(@NotNull(message = "is required") LocalDate periodEnd) {}

    private final SettlementService settlements;
    private final CurrentTenant tenant;
    private final SecurityIdentity identity;

    public SettlementResource(SettlementService settlements, CurrentTenant tenant, SecurityIdentity identity) {
        this.settlements = settlements;
        this.tenant = tenant;
        this.identity = identity;
    }

    /** Settles approved commissions up to {@code periodEnd}: 201 when any settlement was created, else 200. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.TENANT_ADMIN)
    public Uni<Response> settle(@Valid @NotNull(message = "is required") Run body) {
        return settlements
                .settle(actor(), body.periodEnd())
                .map(run -> Response.status(run.created().isEmpty() ? 200 : 201)
                        .entity(run)
                        .build());
    }

    @GET
    @RolesAllowed({Roles.TENANT_ADMIN, Roles.AGENT})
    public Uni<Response> list(
            @Valid @BeanParam PageRequest page,
            @QueryParam("periodEnd") String periodEnd,
            @QueryParam("agentId") String agentId) {
        Filters f = new Filters();
        LocalDate day = f.date("periodEnd", periodEnd);
        String agent = f.text("agentId", agentId, 255);
        f.check();
        return settlements.list(actor(), day, agent, page.limit, page.offset).map(p -> p.toResponse());
    }

    /** The statement: the settlement and its lines. */
    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.TENANT_ADMIN, Roles.AGENT})
    public Uni<SettlementView.Statement> statement(@PathParam("id") UUID id) {
        return settlements.statement(actor(), id);
    }

    /** Records a payment made outside Odoo (or before the poll noticed it). */
    @POST
    @Path("/{id}/mark-paid")
    @RolesAllowed(Roles.TENANT_ADMIN)
    public Uni<SettlementView> markPaid(@PathParam("id") UUID id) {
        return settlements.markPaid(actor(), id);
    }

    private Actor actor() {
        return Actor.of(tenant, identity);
    }
}
