package io.comply360.platform;

import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import io.comply360.platform.error.ProblemException;
import io.comply360.platform.tenancy.CurrentTenant;
import io.comply360.platform.web.Page;
import io.comply360.platform.web.PageRequest;
import io.comply360.platform.web.RequestIds;
import io.comply360.platform.web.Versions;

/** A resource that exists only in tests, exercising each platform convention through real HTTP. */
@Path("/probe")
public class ProbeResource {

    public enum Colour {
        red,
        green
    }

    public record Item(
            @NotBlank(message = "must not be blank") String name,
            int count,
            Colour colour,

            @Size(max = 2, message = "must have at most 2 entries")
            List<@Pattern(regexp = "[A-Z]{2}", message = "must be a two-letter country code") String> countries,

            @Size(max = 6, message = "must have at most 6 entries")
            Map<@Pattern(regexp = "[A-Z]+", message = "must be upper case") String, Integer> scores,

            @Size(max = 500, message = "must have at most 500 tags")
            List<@Pattern(regexp = "[a-z]+", message = "must be lower case letters") String> tags) {}

    private final CurrentTenant tenant;

    public ProbeResource(CurrentTenant tenant) {
        this.tenant = tenant;
    }

    @POST
    @Path("/items")
    public Response create(@Valid @jakarta.validation.constraints.NotNull(message = "is required") Item item) {
        return Response.status(201).entity(item).build();
    }

    @GET
    @Path("/items")
    public Response list(@Valid @BeanParam PageRequest page) {
        return new Page<>(List.of("a", "b"), 2, page.limit, page.offset).toResponse();
    }

    @PUT
    @Path("/versioned")
    public Response update(@HeaderParam("If-Match") String ifMatch) {
        Versions.requireMatch(ifMatch, 3);
        return Response.ok().tag(Versions.etag(4)).build();
    }

    /** A resource never saved yet: version 0, so {@code If-Match: *} may create it. */
    @PUT
    @Path("/unsaved")
    public Response create(@HeaderParam("If-Match") String ifMatch) {
        Versions.requireMatch(ifMatch, 0, false);
        return Response.ok().tag(Versions.etag(1)).build();
    }

    @GET
    @Path("/search")
    public Map<String, String> search(@jakarta.ws.rs.QueryParam("q") String q) {
        return Map.of("q", q == null ? "" : q);
    }

    /** Typed query parameters and a typed path parameter, echoed. */
    @GET
    @Path("/typed/{id}")
    public Map<String, Object> typed(
            @jakarta.ws.rs.PathParam("id") java.util.UUID id,
            @jakarta.ws.rs.QueryParam("count") Integer count,
            @jakarta.ws.rs.QueryParam("size") long size,
            @jakarta.ws.rs.QueryParam("exact") boolean exact,
            @jakarta.ws.rs.QueryParam("owner") java.util.UUID owner) {
        Map<String, Object> echo = new java.util.HashMap<>();
        echo.put("id", id.toString());
        echo.put("count", count);
        echo.put("size", size);
        echo.put("exact", exact);
        echo.put("owner", owner == null ? null : owner.toString());
        return echo;
    }

    @GET
    @Path("/missing")
    public Response missing() {
        throw ProblemException.notFound("Widget");
    }

    @GET
    @Path("/boom")
    public Response boom() {
        throw new IllegalStateException("secret internals");
    }

    @GET
    @Path("/request-id")
    public Map<String, String> requestId() {
        Object traceId = org.jboss.logging.MDC.get(RequestIds.MDC_TRACE_ID);
        return Map.of("requestId", RequestIds.current(), "traceId", traceId == null ? "" : traceId.toString());
    }

    @GET
    @Path("/me")
    @RolesAllowed({"agent", "tenant_admin"})
    public Map<String, String> me() {
        return Map.of("tenant", tenant.require().toString(), "user", tenant.userId());
    }
}
