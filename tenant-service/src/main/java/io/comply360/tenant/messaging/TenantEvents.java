package io.comply360.tenant.messaging;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.comply360.platform.broker.EventType;
import io.comply360.platform.broker.Topology;
import io.comply360.tenant.tenants.Tenant;
import io.comply360.tenant.tenants.Tier;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** The events tenant-service publishes; schemas in {@code docs/events/}. */
public final class TenantEvents {

    public static final EventType PROVISIONING_REQUESTED = new EventType(Topology.TENANT_EVENTS,
            "tenant.provisioning_requested", 1);
    public static final EventType PROVISIONED = new EventType(Topology.TENANT_EVENTS, "tenant.provisioned", 1);
    public static final EventType SUSPENDED = new EventType(Topology.TENANT_EVENTS, "tenant.suspended", 1);
    public static final EventType UPDATED = new EventType(Topology.TENANT_EVENTS, "tenant.updated", 1);

    private TenantEvents() {
    }

    /** {@code tenant.provisioning_requested/v1}: run (or resume) the tenant's provisioning saga. */
    @RegisterForReflection
    public record ProvisioningRequested(UUID tenantId, String slug, Instant requestedAt) {
    }

    /** {@code tenant.suspended/v1} and {@code tenant.updated/v1}: the tenant's status changed. */
    @RegisterForReflection
    public record StatusChanged(UUID tenantId, String slug, String status, String previousStatus, Instant changedAt) {
    }

    /** {@code tenant.provisioned/v1}: the tenant is active and its people can be told. */
    @RegisterForReflection // turned into the event's JSON by ObjectMapper.valueToTree
    public record Provisioned(UUID tenantId, String slug, String legalName, List<String> countries, Tier tier,
            Instant provisionedAt) {

        public static Provisioned of(Tenant tenant) {
            return new Provisioned(tenant.id, tenant.slug, tenant.legalName, List.of(tenant.countries), tenant.tier,
                    tenant.updatedAt);
        }
    }
}
