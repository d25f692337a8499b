package io.comply360.tenant.tenants;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.comply360.platform.error.ProblemException;
import io.comply360.platform.tenancy.Roles;
import io.comply360.tenant.keycloak.TenantAccounts;
import io.comply360.tenant.settings.BusinessHours;
import io.comply360.tenant.settings.LogoResource;
import io.comply360.tenant.settings.LogoService;
import io.comply360.tenant.settings.SettingsService;
import io.comply360.tenant.users.UserService;
import io.smallrye.mutiny.Uni;

/** Tenant lookups for other services (the gateway resolves hosts with it). Never routed by the gateway. */
@Path("/internal/tenants")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.SERVICE)
public class InternalTenantResource {

    /** A tenant as services need it: who it is, whether it may be served, how it looks, what its SLA clocks count. */
    public record InternalTenantView(
            UUID id,
            String slug,
            String legalName,
            List<String> countries,
            String tier,
            String status,
            Branding branding,
            Sla sla) {}

    /** What notifications and pages show of a tenant; {@code logo} is where services fetch its logo, or null. */
    public record Branding(
            String displayName, String primaryColour, String defaultLocale, String timeZone, String logo) {}

    /**
     * What registration-service's SLA clocks need: {@code targets}, the business hours a registration may stay in each
     * state (none when the agency set none); the working week; and the zone its hours are in.
     */
    public record Sla(Map<String, Integer> targets, BusinessHours businessHours, String timeZone) {}

    private static final String TENANT_ROLES = Roles.TENANT_ADMIN + "|" + Roles.AGENT + "|" + Roles.AGENT_ASSISTANT;

    private final TenantService tenants;
    private final SettingsService settings;
    private final TenantAccounts accounts;
    private final LogoService logos;
    private final UserService users;

    public InternalTenantResource(
            TenantService tenants,
            SettingsService settings,
            TenantAccounts accounts,
            LogoService logos,
            UserService users) {
        this.logos = logos;
        this.users = users;
        this.tenants = tenants;
        this.settings = settings;
        this.accounts = accounts;
    }

    /** The tenant a host's subdomain names: id, status, tier, branding (404 for an unknown slug). */
    @GET
    @Path("/by-slug/{slug}")
    public Uni<InternalTenantView> bySlug(@PathParam("slug") String slug) {
        return tenants.bySlug(slug).chain(this::view);
    }

    @GET
    @Path("/{id}")
    public Uni<InternalTenantView> byId(@PathParam("id") UUID id) {
        return tenants.get(id).chain(this::view);
    }

    /** The tenant's logo for services (mails, documents), with the same caching headers as the public one. */
    @GET
    @Path("/{id}/logo")
    @Produces({"image/png", "image/jpeg", MediaType.APPLICATION_JSON})
    public Uni<Response> logo(
            @PathParam("id") UUID id,
            @QueryParam("v") String version,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return logos.get(id).map(logo -> LogoResource.image(logo, version, ifNoneMatch));
    }

    /** How to reach a person of the tenant (404 for an unknown id or someone of another tenant). */
    @GET
    @Path("/{id}/users/{userId}")
    public Uni<TenantAccounts.Contact> contact(@PathParam("id") UUID id, @PathParam("userId") String userId) {
        return accounts.contact(id, userId).onItem().ifNull().failWith(() -> ProblemException.notFound("User"));
    }

    /**
     * The enabled people of the tenant who hold a tenant role, with how to reach them (notifications): at most
     * {@value UserService#MAX_WITH_ROLE}; 404 for an unknown tenant.
     */
    @GET
    @Path("/{id}/users")
    public Uni<List<TenantAccounts.Contact>> withRole(
            @PathParam("id") UUID id,
            @QueryParam("role")
                    @NotNull(message = "is required")
                    @Pattern(regexp = TENANT_ROLES, message = "must be tenant_admin, agent or agent_assistant")
                    String role) {
        return users.enabledWithRole(id, role);
    }

    private Uni<InternalTenantView> view(Tenant tenant) {
        return settings.current(tenant.id)
                .map(current -> new InternalTenantView(
                        tenant.id,
                        tenant.slug,
                        tenant.legalName,
                        List.of(tenant.countries),
                        tenant.tier.name(),
                        tenant.status.name(),
                        new Branding(
                                current.displayName != null ? current.displayName : tenant.legalName,
                                current.primaryColour,
                                current.defaultLocale,
                                current.timeZone,
                                current.logoVersion == null
                                        ? null
                                        : "/internal/tenants/" + tenant.id + "/logo?v=" + current.logoVersion),
                        new Sla(new TreeMap<>(current.slaTargets), current.businessHours, current.timeZone)));
    }
}
