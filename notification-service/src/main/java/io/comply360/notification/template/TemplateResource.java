package io.comply360.notification.template;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.comply360.notification.recipient.Agencies;
import io.comply360.platform.tenancy.CurrentTenant;
import io.comply360.platform.tenancy.Roles;
import io.smallrye.mutiny.Uni;

/** The agency's message templates: every workflow's per channel and locale, its own versions, previews. */
@Path("/api/v1/templates")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.TENANT_ADMIN)
public class TemplateResource {

    private final TemplateService templates;
    private final Agencies agencies;
    private final CurrentTenant caller;

    public TemplateResource(TemplateService templates, Agencies agencies, CurrentTenant caller) {
        this.templates = templates;
        this.agencies = agencies;
        this.caller = caller;
    }

    @GET
    public Uni<List<TemplateView.Summary>> list() {
        return templates.list(caller.require());
    }

    @GET
    @Path("/{workflow}/{channel}/{locale}")
    public Uni<TemplateView> get(
            @PathParam("workflow") String workflow,
            @PathParam("channel") String channel,
            @PathParam("locale") String locale) {
        return templates.get(caller.require(), TemplateService.key(workflow, channel, locale));
    }

    @GET
    @Path("/{workflow}/{channel}/{locale}/versions")
    public Uni<List<TemplateView.Version>> versions(
            @PathParam("workflow") String workflow,
            @PathParam("channel") String channel,
            @PathParam("locale") String locale) {
        return templates.versions(caller.require(), TemplateService.key(workflow, channel, locale));
    }

    /** Saves the agency's own version: 422 naming each part that does not render, with its line. */
    @PUT
    @Path("/{workflow}/{channel}/{locale}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<TemplateView> save(
            @PathParam("workflow") String workflow,
            @PathParam("channel") String channel,
            @PathParam("locale") String locale,
            @Valid @NotNull(message = "is required") TemplateRequest request) {
        TemplateService.Key key = TemplateService.key(workflow, channel, locale);
        return agencies.of(caller.require()).chain(agency -> {
            templates.validate(key, request, Models.sample(agency, locale));
            return templates.save(caller.require(), caller.userId(), Roles.TENANT_ADMIN, key, request);
        });
    }

    /** Puts the built-in template back (a new version; the history stays). */
    @DELETE
    @Path("/{workflow}/{channel}/{locale}")
    public Uni<TemplateView> revert(
            @PathParam("workflow") String workflow,
            @PathParam("channel") String channel,
            @PathParam("locale") String locale) {
        return templates.revert(
                caller.require(), caller.userId(), Roles.TENANT_ADMIN, TemplateService.key(workflow, channel, locale));
    }

    /**
     * Renders the template in force, or the draft in the body (not saved), with sample data and the agency's
     * branding: what a message would look like.
     */
    @POST
    @Path("/{workflow}/{channel}/{locale}/preview")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Parts> preview(
            @PathParam("workflow") String workflow,
            @PathParam("channel") String channel,
            @PathParam("locale") String locale,
            @Valid TemplateRequest draft) {
        TemplateService.Key key = TemplateService.key(workflow, channel, locale);
        boolean empty = draft == null || (draft.subject() == null && draft.body() == null && draft.html() == null);
        return agencies.of(caller.require())
                .chain(agency ->
                        templates.preview(caller.require(), key, empty ? null : draft, Models.sample(agency, locale)));
    }
}
