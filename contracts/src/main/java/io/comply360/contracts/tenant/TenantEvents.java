package io.comply360.contracts.tenant;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.Nullable;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.comply360.platform.broker.EventContract;
import io.comply360.platform.broker.Topology;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Exchange {@code tenant.events}: what happens to tenants and their people. Producer: tenant-service. Ids only,
 * no personal data: names and addresses are read through tenant-service's internal user directory.
 */
public final class TenantEvents {

    /** Run (or resume) the tenant's provisioning saga. */
    public static final EventContract<ProvisioningRequested> PROVISIONING_REQUESTED =
            EventContract.of(Topology.TENANT_EVENTS, "tenant.provisioning_requested", 1, ProvisioningRequested.class);
    /** The tenant is active and its people can be told. */
    public static final EventContract<Provisioned> PROVISIONED =
            EventContract.of(Topology.TENANT_EVENTS, "tenant.provisioned", 1, Provisioned.class);
    /** A platform admin suspended the tenant: the gateway stops serving it. */
    public static final EventContract<StatusChanged> SUSPENDED =
            EventContract.of(Topology.TENANT_EVENTS, "tenant.suspended", 1, StatusChanged.class);
    /**
     * The tenant's status changed otherwise (reactivated, closed, cancelled), or its settings did: consumers that keep
     * what tenant-service's internal tenant view shows (branding, SLA targets, business hours, time zone) read it anew.
     */
    public static final EventContract<Updated> UPDATED =
            EventContract.of(Topology.TENANT_EVENTS, "tenant.updated", 1, Updated.class);
    /** A tenant admin invited a person into the agency (the set-password mail is sent). */
    public static final EventContract<UserChanged> USER_INVITED =
            EventContract.of(Topology.TENANT_EVENTS, "tenant.user_invited", 1, UserChanged.class);
    /** A person's roles or name changed, or they were enabled again. */
    public static final EventContract<UserChanged> USER_UPDATED =
            EventContract.of(Topology.TENANT_EVENTS, "tenant.user_updated", 1, UserChanged.class);
    /** A person was deactivated: their tokens issued until then are refused. */
    public static final EventContract<UserChanged> USER_DEACTIVATED =
            EventContract.of(Topology.TENANT_EVENTS, "tenant.user_deactivated", 1, UserChanged.class);

    public static final List<EventContract<?>> ALL = List.of(
            PROVISIONING_REQUESTED, PROVISIONED, SUSPENDED, UPDATED, USER_INVITED, USER_UPDATED, USER_DEACTIVATED);

    private TenantEvents() {}

    @RegisterForReflection
    public record ProvisioningRequested(UUID tenantId, String slug, Instant requestedAt) {}

    /** {@code tier}: starter, professional or enterprise. */
    @RegisterForReflection
    public record Provisioned(
            UUID tenantId, String slug, String legalName, List<String> countries, String tier, Instant provisionedAt) {}

    /** {@code status} and {@code previousStatus}: the tenant's lifecycle states (docs/events schemas). */
    @RegisterForReflection
    public record StatusChanged(UUID tenantId, String slug, String status, String previousStatus, Instant changedAt) {}

    /**
     * A status change or a settings change. {@code changed}: the settings a save changed, e.g. {@code ["slaTargets",
     * "timeZone"]}, with the status unchanged ({@code status} equals {@code previousStatus}); absent (null) for a
     * status change.
     */
    @RegisterForReflection
    public record Updated(
            UUID tenantId,
            String slug,
            String status,
            String previousStatus,
            Instant changedAt,
            // Left out rather than written as null: the schema's type is array (null would need a union).
            @Nullable @JsonInclude(JsonInclude.Include.NON_NULL)
            List<String> changed) {}

    /** Who, with which roles and whether they can sign in, changed by whom and when. */
    @RegisterForReflection
    public record UserChanged(
            UUID tenantId, String userId, List<String> roles, Boolean enabled, String changedBy, Instant changedAt) {}
}
