package io.comply360.notification.inapp;

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
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/** The caller's in-app notifications. */
@Path("/api/v1/notifications")
@Produces(MediaType.APPLICATION_JSON)
public class NotificationResource {

    private final NotificationService notifications;
    private final CurrentTenant caller;
    private final SecurityIdentity identity;

    public NotificationResource(NotificationService notifications, CurrentTenant caller, SecurityIdentity identity) {
        this.notifications = notifications;
        this.caller = caller;
        this.identity = identity;
    }

    @GET
    @RolesAllowed({Roles.TENANT_ADMIN, Roles.AGENT, Roles.AGENT_ASSISTANT})
    public Uni<Response> list(@Valid @BeanParam PageRequest page) {
        return notifications
                .forCaller(caller.require(), identity.getRoles(), caller.userId(), page.limit, page.offset)
                .map(p -> p.toResponse());
    }
}
