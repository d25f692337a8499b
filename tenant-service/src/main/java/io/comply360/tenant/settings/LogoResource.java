package io.comply360.tenant.settings;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.comply360.platform.tenancy.CurrentTenant;
import io.comply360.platform.tenancy.Roles;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;

/**
 * The caller's agency logo as an image. The settings name it with its version ({@code ?v=…}): that URL never
 * changes content, so browsers keep it for a year; without the version (or with an old one) they revalidate with
 * the ETag every time. Private: only the agency's own people may cache it.
 */
@Path("/api/v1/settings/logo")
public class LogoResource {

    static final String IMMUTABLE = "private, max-age=31536000, immutable";
    static final String REVALIDATE = "private, no-cache";

    private final LogoService logos;
    private final CurrentTenant caller;

    public LogoResource(LogoService logos, CurrentTenant caller) {
        this.logos = logos;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({Roles.TENANT_ADMIN, Roles.AGENT, Roles.AGENT_ASSISTANT})
    @Produces({"image/png", "image/jpeg", MediaType.APPLICATION_JSON})
    public Uni<Response> get(
            @QueryParam("v") String version, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return logos.get(caller.require()).map(logo -> image(logo, version, ifNoneMatch));
    }

    /** Replaces the logo with the PNG or JPEG in the body (at most 512 KB, 1024 × 1024 pixels). */
    @PUT
    @RolesAllowed(Roles.TENANT_ADMIN)
    @Consumes({"image/png", "image/jpeg"})
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> replace(byte[] image) {
        return logos.replace(caller.require(), caller.userId(), image)
                .map(logo -> Response.ok(LogoView.of(logo)).tag(etag(logo)).build());
    }

    @DELETE
    @RolesAllowed(Roles.TENANT_ADMIN)
    public Uni<Response> remove() {
        return logos.remove(caller.require(), caller.userId())
                .map(ignored -> Response.noContent().build());
    }

    /** The image with its caching headers, or 304 when the client's copy is current. */
    public static Response image(TenantLogo logo, String version, String ifNoneMatch) {
        EntityTag etag = etag(logo);
        String cacheControl = logo.version().equals(version) ? IMMUTABLE : REVALIDATE;
        if (ifNoneMatch != null
                && (ifNoneMatch.contains(etag.toString()) || ifNoneMatch.trim().equals("*"))) {
            return Response.notModified(etag)
                    .header(HttpHeaders.CACHE_CONTROL, cacheControl)
                    .build();
        }
        return Response.ok(logo.image, logo.mediaType)
                .tag(etag)
                .header(HttpHeaders.CACHE_CONTROL, cacheControl)
                .header("X-Content-Type-Options", "nosniff")
                .build();
    }

    static EntityTag etag(TenantLogo logo) {
        return new EntityTag(logo.version());
    }

    /** What an upload answers: where the logo is served and what was stored. */
    @RegisterForReflection // sent through an untyped Response
    public record LogoView(String url, String mediaType, int bytes, Integer width, Integer height) {
        static LogoView of(TenantLogo logo) {
            return new LogoView(
                    TenantLogo.urlOf(logo.version()), logo.mediaType, logo.image.length, logo.width, logo.height);
        }
    }
}
