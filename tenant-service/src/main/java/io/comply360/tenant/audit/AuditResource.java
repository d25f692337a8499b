package io.comply360.tenant.audit;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.comply360.platform.tenancy.CurrentTenant;
import io.comply360.platform.tenancy.Roles;
import io.comply360.platform.web.PageRequest;
import io.smallrye.mutiny.Uni;

/** The caller's agency's audit trail, newest first, for its tenant admins. */
@Path("/api/v1/audit-log")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.TENANT_ADMIN)
public class AuditResource {

    private final AuditService audit;
    private final CurrentTenant caller;

    public AuditResource(AuditService audit, CurrentTenant caller) {
        this.audit = audit;
        this.caller = caller;
    }

    @GET
    public Uni<Response> list(@Valid @BeanParam PageRequest page) {
        return audit.page(caller.require(), page.limit, page.offset).map(p -> p.toResponse());
    }
}
