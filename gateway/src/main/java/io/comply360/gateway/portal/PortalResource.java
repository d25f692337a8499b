package io.comply360.gateway.portal;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.comply360.gateway.TenantDirectory;
import io.comply360.gateway.TenantDirectory.TenantInfo;
import io.comply360.gateway.TenantHosts;
import io.comply360.platform.error.ProblemException;
import io.comply360.platform.error.ProblemType;
import io.comply360.platform.tenancy.Roles;
import io.quarkus.logging.Log;
import io.quarkus.oidc.IdToken;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/**
 * The web portal's pages (a backend-for-frontend): signed in through the authorization code flow, held by
 * an encrypted session cookie, each page checks that the user belongs to the agency of the host, and calls
 * services with the user's own access token, so services apply the same rules as for API clients.
 */
@Path("/portal")
@Authenticated
public class PortalResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance home(Home home);

        static native TemplateInstance signedOut();
    }

    /** What the home page shows: where the user is, who they are, what they may do. */
    public record Home(String agency, String name, List<String> roles, boolean operator) {}

    private final TenantHosts hosts;
    private final TenantDirectory tenants;
    private final PortalTenantClient tenantService;

    @Inject
    @IdToken
    JsonWebToken idToken;

    @Inject
    JsonWebToken accessToken;

    @Inject
    SecurityIdentity identity;

    public PortalResource(TenantHosts hosts, TenantDirectory tenants, @RestClient PortalTenantClient tenantService) {
        this.hosts = hosts;
        this.tenants = tenants;
        this.tenantService = tenantService;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Uni<TemplateInstance> home(@Context HttpServerRequest request) {
        Optional<String> slug = hosts.slugOf(request.authority());
        UUID userTenant = TenantHosts.tenantOf(accessToken);
        String name = Optional.ofNullable(idToken.<String>getClaim("name")).orElse(idToken.getName());
        List<String> roles = identity.getRoles().stream()
                .filter(Roles.ALL::contains)
                .sorted()
                .toList();
        if (slug == null) {
            throw new ProblemException(ProblemType.NOT_FOUND, "This host is not served here");
        }
        if (slug.isEmpty()) {
            if (userTenant != null) {
                throw new ProblemException(ProblemType.FORBIDDEN, "Use your agency's address, not the operators' one");
            }
            return Uni.createFrom().item(Templates.home(new Home("Comply360 operations", name, roles, true)));
        }
        String caller = userTenant == null ? "platform:" + accessToken.getSubject() : userTenant.toString();
        Uni<Optional<TenantInfo>> resolved = tenants.resolve(slug.get(), caller)
                .onFailure(TenantDirectory.LookupsThrottled.class)
                .transform(e -> new ProblemException(
                        ProblemType.TOO_MANY_REQUESTS, "Too many addresses looked up; slow down and retry later"));
        return resolved.onItem().transformToUni(tenant -> {
            if (tenant.isEmpty()) {
                throw new ProblemException(ProblemType.NOT_FOUND, "No agency is served at this address");
            }
            if (!tenant.get().active()) {
                throw new ProblemException(
                        ProblemType.FORBIDDEN, "This agency is " + tenant.get().status() + " and cannot be used");
            }
            if (!tenant.get().id().equals(userTenant)) {
                throw new ProblemException(ProblemType.FORBIDDEN, "Your sign-in belongs to another address");
            }
            return tenantService
                    .settings("Bearer " + accessToken.getRawToken())
                    .map(settings ->
                            settings.displayName() == null ? tenant.get().slug() : settings.displayName())
                    .onFailure()
                    .recoverWithItem(failure -> {
                        Log.warnf("Portal could not read the settings of %s: %s", slug.get(), failure.toString());
                        return slug.get();
                    })
                    .map(agency -> Templates.home(new Home(agency, name, roles, false)));
        });
    }

    @GET
    @Path("/signed-out")
    @PermitAll
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance signedOut() {
        return Templates.signedOut();
    }
}
