package io.comply360.registration.filing;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.comply360.platform.error.FieldError;
import io.comply360.platform.error.ProblemException;
import io.comply360.platform.error.ProblemType;
import io.comply360.platform.tenancy.Roles;
import io.smallrye.mutiny.Uni;

/**
 * Filings for other services: a filing's data for document-service to verify documents against (it records the data
 * version), a tenant's digest for notification-service. Service accounts carry no tenant: the caller names it, and
 * the lookup runs in that tenant only. Never routed by the gateway.
 */
@Path("/internal/registrations")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.SERVICE)
public class InternalRegistrationResource {

    /** The longest look ahead of the digest's SLA warnings: a week. */
    static final int MAX_WARN_HOURS = 168;

    private final RegistrationService registrations;

    public InternalRegistrationResource(RegistrationService registrations) {
        this.registrations = registrations;
    }

    /**
     * A tenant's filings waiting for review, due soon ({@code warnWithinHours}, 1–168, default 24) and past due, for
     * notification-service's daily digest.
     */
    @GET
    @Path("/digest")
    public Uni<RegistrationDigest> digest(
            @QueryParam("tenantId") @NotNull(message = "is required") String tenantId,
            @QueryParam("warnWithinHours") @DefaultValue("24") String warnWithinHours) {
        return registrations.digest(uuid("tenantId", tenantId), hours("warnWithinHours", warnWithinHours));
    }

    @GET
    @Path("/{id}/filing-data")
    public Uni<RegistrationView.FilingData> filingData(
            @PathParam("id") UUID id, @QueryParam("tenantId") @NotNull(message = "is required") UUID tenantId) {
        return registrations.filingData(tenantId, id);
    }

    /** A parameter that is not a UUID cannot be read (400 naming it). */
    private static UUID uuid(String name, String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw unreadable(name, "must be a UUID");
        }
    }

    /** Whole hours, 1 to a week: not a number cannot be read (400), out of range breaks the rule (422). */
    private static int hours(String name, String value) {
        int hours;
        try {
            hours = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw unreadable(name, "must be a whole number of hours");
        }
        if (hours < 1 || hours > MAX_WARN_HOURS) {
            throw ProblemException.invalid(name, "must be between 1 and " + MAX_WARN_HOURS);
        }
        return hours;
    }

    private static ProblemException unreadable(String name, String message) {
        return new ProblemException(
                ProblemType.MALFORMED_REQUEST,
                "A parameter has the wrong type",
                List.of(new FieldError(name, message)));
    }
}
