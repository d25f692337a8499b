package io.comply360.registration.wizard;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.databind.JsonNode;

import io.comply360.platform.tenancy.Roles;

/** The filing types on offer, their definitions, and inline validation of a step (nothing stored). */
@Path("/api/v1/wizards")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.TENANT_ADMIN, Roles.AGENT, Roles.AGENT_ASSISTANT})
public class WizardResource {

    private final WizardCatalog catalog;
    private final WizardService wizards;

    public WizardResource(WizardCatalog catalog, WizardService wizards) {
        this.catalog = catalog;
        this.wizards = wizards;
    }

    @GET
    public List<WizardCatalog.Summary> list() {
        return catalog.current();
    }

    /** The definition as shipped (steps, schemas, UI hints, rules, examples, documents), current or {@code version}. */
    @GET
    @Path("/{country}/{type}")
    public JsonNode definition(
            @PathParam("country") String country,
            @PathParam("type") String type,
            @QueryParam("version")
                    @Min(value = 1, message = "must be at least 1")
                    @Max(value = 1000, message = "must be at most 1000")
                    Integer version) {
        return wizards.definition(country, type, version).source();
    }

    /** Always 200 for data that could be read: {@code valid}, {@code errors} and {@code warnings} by field path. */
    @POST
    @Path("/{country}/{type}/steps/{step}/validate")
    @Consumes(MediaType.APPLICATION_JSON)
    public ValidationResult validate(
            @PathParam("country") String country,
            @PathParam("type") String type,
            @PathParam("step") String step,
            @QueryParam("version")
                    @Min(value = 1, message = "must be at least 1")
                    @Max(value = 1000, message = "must be at most 1000")
                    Integer version,
            @NotNull(message = "is required") JsonNode data) {
        return wizards.validateStep(wizards.definition(country, type, version), step, data);
    }
}
