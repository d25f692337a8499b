package io.comply360.commission.ratecard;

import java.net.URI;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.comply360.commission.Actor;
import io.comply360.platform.tenancy.CurrentTenant;
import io.comply360.platform.tenancy.Roles;
import io.comply360.platform.web.PageRequest;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/** The agency's rate cards: tenant admins write them; agents read what they earn. */
@Path("/api/v1/rate-cards")
@Produces(MediaType.APPLICATION_JSON)
public class RateCardResource {

    private final RateCardService cards;
    private final CurrentTenant tenant;
    private final SecurityIdentity identity;

    public RateCardResource(RateCardService cards, CurrentTenant tenant, SecurityIdentity identity) {
        this.cards = cards;
        this.tenant = tenant;
        this.identity = identity;
    }

    @GET
    @RolesAllowed({Roles.TENANT_ADMIN, Roles.AGENT})
    public Uni<Response> list(@Valid @BeanParam PageRequest page) {
        return cards.list(actor(), page.limit, page.offset).map(p -> p.toResponse());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.TENANT_ADMIN)
    public Uni<Response> create(@Valid @NotNull(message = "is required") RateCardRequest body) {
        return cards.create(actor(), body)
                .map(card -> Response.created(URI.create("/api/v1/rate-cards/" + card.id()))
                        .entity(card)
                        .build());
    }

    @GET
    @Path("/current")
    @RolesAllowed({Roles.TENANT_ADMIN, Roles.AGENT})
    public Uni<RateCardView> current() {
        return cards.current(actor());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.TENANT_ADMIN, Roles.AGENT})
    public Uni<RateCardView> get(@PathParam("id") UUID id) {
        return cards.get(actor(), id);
    }

    private Actor actor() {
        return Actor.of(tenant, identity);
    }
}
