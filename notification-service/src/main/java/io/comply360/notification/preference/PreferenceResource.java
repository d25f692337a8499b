package io.comply360.notification.preference;

import java.time.ZoneId;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.comply360.notification.recipient.Agencies;
import io.comply360.notification.recipient.Agency;
import io.comply360.platform.tenancy.CurrentTenant;
import io.comply360.platform.tenancy.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/** The caller's own notification preferences. */
@Path("/api/v1/notification-preferences")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.TENANT_ADMIN, Roles.AGENT, Roles.AGENT_ASSISTANT})
public class PreferenceResource {

    /** The zone hours are counted in when the agency's cannot be read (South Africa's: most agencies are there). */
    private static final ZoneId FALLBACK_ZONE = ZoneId.of("Africa/Johannesburg");

    private final PreferenceService preferences;
    private final Agencies agencies;
    private final CurrentTenant caller;
    private final SecurityIdentity identity;

    public PreferenceResource(
            PreferenceService preferences, Agencies agencies, CurrentTenant caller, SecurityIdentity identity) {
        this.preferences = preferences;
        this.agencies = agencies;
        this.caller = caller;
        this.identity = identity;
    }

    @GET
    public Uni<PreferencesView> get() {
        return zone().chain(zone -> preferences.get(caller.require(), caller.userId(), admin(), zone));
    }

    /** Replaces the caller's preferences (422 naming each field that breaks a rule). */
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<PreferencesView> put(@Valid @NotNull(message = "is required") PreferencesRequest request) {
        return zone().chain(zone -> preferences.put(caller.require(), caller.userId(), admin(), zone, request));
    }

    private boolean admin() {
        return identity.getRoles().contains(Roles.TENANT_ADMIN);
    }

    private Uni<ZoneId> zone() {
        return agencies.of(caller.require()).map(Agency::zone).onFailure().recoverWithItem(FALLBACK_ZONE);
    }
}
