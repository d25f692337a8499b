package io.comply360.tenant.quota;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.comply360.platform.tenancy.CurrentTenant;
import io.comply360.platform.tenancy.Roles;
import io.smallrye.mutiny.Uni;

/** Quotas: the caller's agency's limits, and the check services make before creating a counted thing. */
@Produces(MediaType.APPLICATION_JSON)
@Path("/")
public class QuotaResource {

    /** A service's question: may {@code tenantId} go from {@code current} to {@code current + adding}? */
    public record Check(
            @NotNull(message = "is required") UUID tenantId,

            @NotNull(message = "is required")
            @Size(max = 32, message = "must be agents, registrations-per-month or storage-bytes")
            @Pattern(
                    regexp = "agents|registrations-per-month|storage-bytes",
                    message = "must be agents, registrations-per-month or storage-bytes")
            String quota,

            @Min(value = 0, message = "must not be negative")
            long current,

            @Min(value = 1, message = "must be at least 1") long adding) {}

    private final QuotaService quotas;
    private final CurrentTenant caller;

    public QuotaResource(QuotaService quotas, CurrentTenant caller) {
        this.quotas = quotas;
        this.caller = caller;
    }

    @GET
    @Path("/api/v1/quotas")
    @RolesAllowed(Roles.TENANT_ADMIN)
    public Uni<QuotaService.Limits> mine() {
        return quotas.limits(caller.require());
    }

    /** 200 with what remains, or 403 problem naming the quota. */
    @POST
    @Path("/internal/quotas/check")
    @RolesAllowed(Roles.SERVICE)
    public Uni<QuotaService.Allowance> check(@Valid @NotNull(message = "is required") Check check) {
        return quotas.check(check.tenantId(), Quota.of(check.quota()).orElseThrow(), check.current(), check.adding());
    }
}
