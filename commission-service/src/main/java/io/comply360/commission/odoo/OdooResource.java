package io.comply360.commission.odoo;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.comply360.commission.Actor;
import io.comply360.commission.Filters;
import io.comply360.platform.data.TenantTransactions;
import io.comply360.platform.error.ProblemException;
import io.comply360.platform.tenancy.CurrentTenant;
import io.comply360.platform.tenancy.Roles;
import io.comply360.platform.web.Page;
import io.comply360.platform.web.PageRequest;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/** The agency's Odoo: settings, a connection test, and the sync jobs with their errors (tenant admins only). */
@Path("/api/v1/odoo")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.TENANT_ADMIN)
public class OdooResource {

    public record Settings(
            @NotBlank(message = "is required") @Size(max = 500, message = "must be at most 500 characters")
            String url,

            @NotBlank(message = "is required") @Size(max = 200, message = "must be at most 200 characters")
            String database,

            @NotBlank(message = "is required") @Size(max = 200, message = "must be at most 200 characters")
            String login,

            @Size(min = 1, max = 500, message = "must be 1 to 500 characters")
            String apiKey,

            @NotNull(message = "is required") Boolean enabled) {}

    private final OdooSettingsService settings;
    private final SyncRuns runs;
    private final SyncJobs jobs;
    private final TenantTransactions tx;
    private final CurrentTenant tenant;
    private final SecurityIdentity identity;

    public OdooResource(
            OdooSettingsService settings,
            SyncRuns runs,
            SyncJobs jobs,
            TenantTransactions tx,
            CurrentTenant tenant,
            SecurityIdentity identity) {
        this.settings = settings;
        this.runs = runs;
        this.jobs = jobs;
        this.tx = tx;
        this.tenant = tenant;
        this.identity = identity;
    }

    @GET
    @Path("/settings")
    public Uni<OdooSettingsView> get() {
        return settings.get(actor());
    }

    /** Saves the settings; leave {@code apiKey} out to keep the stored one. */
    @PUT
    @Path("/settings")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<OdooSettingsView> save(@Valid @NotNull(message = "is required") Settings body) {
        return settings.save(
                actor(),
                new OdooSettingsService.Change(
                        body.url(), body.database().strip(), body.login().strip(), body.apiKey(), body.enabled()));
    }

    /** Calls the agency's Odoo with the saved settings: its version and the user id the key signs in as. */
    @POST
    @Path("/settings/test")
    public Uni<OdooGateway.ServerInfo> test() {
        return settings.test(actor());
    }

    @GET
    @Path("/jobs")
    public Uni<Response> list(
            @Valid @BeanParam PageRequest page,
            @QueryParam("status") String status,
            @QueryParam("entity") String entity,
            @QueryParam("localId") String localId) {
        Filters f = new Filters();
        SyncStatus wanted = f.enumValue("status", status, SyncStatus.class);
        String kind = f.text("entity", entity, 16);
        if (kind != null
                && !java.util.List.of("partner", "lead", "bill", "payment").contains(kind)) {
            f.reject("entity", "must be one of partner, lead, bill, payment");
        }
        String local = f.text("localId", localId, 255);
        f.check();
        StringBuilder where = new StringBuilder("1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (wanted != null) {
            where.append(" and status = :status");
            params.put("status", wanted);
        }
        if (kind != null) {
            where.append(" and entity = :entity");
            params.put("entity", SyncEntity.of(kind));
        }
        if (local != null) {
            where.append(" and localId = :localId");
            params.put("localId", local);
        }
        Actor actor = actor();
        return tx.inTenant(
                        actor.tenantId(),
                        () -> jobs.count(where.toString(), params)
                                .chain(total -> jobs.find(where + " order by updatedAt desc, id", params)
                                        .page(page.offset / Math.max(1, page.limit), page.limit)
                                        .list()
                                        .map(items -> new Page<>(
                                                items.stream()
                                                        .map(SyncJobView::of)
                                                        .toList(),
                                                total,
                                                page.limit,
                                                page.offset))))
                .map(p -> p.toResponse());
    }

    /** Runs a failed (or waiting) job again now, from its first attempt. */
    @POST
    @Path("/jobs/{id}/retry")
    public Uni<SyncJobView> retry(@PathParam("id") UUID id) {
        Actor actor = actor();
        return tx.inTenant(actor.tenantId(), () -> runs.retry(actor.tenantId(), id))
                .map(job -> {
                    if (job == null) {
                        throw ProblemException.notFound("Sync job");
                    }
                    return SyncJobView.of(job);
                });
    }

    private Actor actor() {
        return Actor.of(tenant, identity);
    }
}
