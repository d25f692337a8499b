package io.comply360.commission.commission;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.ResponseHeader;

import io.comply360.commission.Actor;
import io.comply360.commission.Filters;
import io.comply360.platform.tenancy.CurrentTenant;
import io.comply360.platform.tenancy.Roles;
import io.comply360.platform.web.PageRequest;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Commissions: tenant admins see and decide all of them; an agent sees only their own (another agent's answers
 * 404); agent assistants see none.
 */
@Path("/api/v1/commissions")
@Produces(MediaType.APPLICATION_JSON)
public class CommissionResource {

    public record Reject(
            @NotBlank(message = "is required") @Size(max = 1000, message = "must be at most 1000 characters")
            String reason) {}

    public enum Decision {
        APPROVE,
        REJECT
    }

    public record Decisions(
            @NotEmpty(message = "needs at least one id") @Size(max = 500, message = "must have at most 500 ids")
            List<@NotNull(message = "is required") UUID> ids,

            @NotNull(message = "is required") Decision decision,

            @Size(max = 1000, message = "must be at most 1000 characters")
            String reason) {}

    public record DecisionResults(List<CommissionService.Outcome> results) {}

    private final CommissionService commissions;
    private final CommissionExport export;
    private final CurrentTenant tenant;
    private final SecurityIdentity identity;

    public CommissionResource(
            CommissionService commissions, CommissionExport export, CurrentTenant tenant, SecurityIdentity identity) {
        this.commissions = commissions;
        this.export = export;
        this.tenant = tenant;
        this.identity = identity;
    }

    @GET
    @RolesAllowed({Roles.TENANT_ADMIN, Roles.AGENT})
    public Uni<Response> list(
            @Valid @BeanParam PageRequest page,
            @QueryParam("status") String status,
            @QueryParam("agentId") String agentId,
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("settlementId") String settlementId) {
        Actor actor = actor();
        return commissions
                .list(actor, filter(actor, status, agentId, from, to, settlementId), page.limit, page.offset)
                .map(p -> p.toResponse());
    }

    @GET
    @Path("/summary")
    @RolesAllowed({Roles.TENANT_ADMIN, Roles.AGENT})
    public Uni<CommissionView.Summary> summary(
            @QueryParam("agentId") String agentId, @QueryParam("from") String from, @QueryParam("to") String to) {
        Actor actor = actor();
        return commissions.summary(actor, filter(actor, null, agentId, from, to, null));
    }

    @GET
    @Path("/export")
    @Produces("text/csv")
    @RolesAllowed({Roles.TENANT_ADMIN, Roles.AGENT})
    @ResponseHeader(name = HttpHeaders.CONTENT_DISPOSITION, value = "attachment; filename=\"commissions.csv\"")
    public Multi<String> exportCsv(
            @QueryParam("status") String status,
            @QueryParam("agentId") String agentId,
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("settlementId") String settlementId) {
        Actor actor = actor();
        return export.csv(actor.tenantId(), filter(actor, status, agentId, from, to, settlementId));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.TENANT_ADMIN, Roles.AGENT})
    public Uni<CommissionView> get(@PathParam("id") UUID id) {
        return commissions.get(actor(), id);
    }

    @POST
    @Path("/{id}/approve")
    @RolesAllowed(Roles.TENANT_ADMIN)
    public Uni<CommissionView> approve(@PathParam("id") UUID id) {
        return commissions.approve(actor(), id);
    }

    @POST
    @Path("/{id}/reject")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.TENANT_ADMIN)
    public Uni<CommissionView> reject(@PathParam("id") UUID id, @Valid @NotNull(message = "is required") Reject body) {
        return commissions.reject(actor(), id, body.reason());
    }

    /** Approve or reject many at once: each id gets its own outcome. */
    @POST
    @Path("/decisions")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.TENANT_ADMIN)
    public Uni<DecisionResults> decide(@Valid @NotNull(message = "is required") Decisions body) {
        boolean approve = body.decision() == Decision.APPROVE;
        if (!approve && (body.reason() == null || body.reason().isBlank())) {
            throw io.comply360.platform.error.ProblemException.invalid("reason", "is required to reject");
        }
        return commissions
                .decideAll(actor(), body.ids(), approve, approve ? null : body.reason())
                .map(DecisionResults::new);
    }

    /** The filter; an agent's is always their own commissions, whatever agentId says. */
    private static CommissionRepository.Filter filter(
            Actor actor, String status, String agentId, String from, String to, String settlementId) {
        Filters f = new Filters();
        CommissionStatus wanted = f.enumValue("status", status, CommissionStatus.class);
        String agent = f.text("agentId", agentId, 255);
        var fromDay = f.date("from", from);
        var toDay = f.date("to", to);
        UUID settlement = f.uuid("settlementId", settlementId);
        if (fromDay != null && toDay != null && toDay.isBefore(fromDay)) {
            f.reject("to", "must not be before from");
        }
        f.check();
        return new CommissionRepository.Filter(
                wanted, actor.admin() ? agent : actor.userId(), fromDay, toDay, settlement);
    }

    private Actor actor() {
        return Actor.of(tenant, identity);
    }
}
