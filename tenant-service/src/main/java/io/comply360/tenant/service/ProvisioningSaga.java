package io.comply360.tenant.service;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.comply360.platform.broker.PermanentEventException;
import io.comply360.platform.messaging.Outbox;
import io.comply360.platform.tenancy.Roles;
import io.comply360.tenant.Tenant;
import io.comply360.tenant.TenantProvisioning;
import io.comply360.tenant.TenantStatus;
import io.comply360.tenant.audit.AuditLog;
import io.comply360.tenant.keycloak.TenantAccounts;
import io.comply360.tenant.messaging.TenantEvents;
import io.comply360.tenant.repository.ProvisioningRepository;
import io.comply360.tenant.repository.TenantRepository;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Provisions a tenant, step by step: its first admin in Keycloak (with the tenant's id and role), its portal
 * address on the portal client, the admin's set-password mail — then, and only then, the tenant becomes
 * {@code active} and {@code tenant.provisioned} is announced, in one transaction. Every step is idempotent, so
 * the whole saga simply runs again on a retry or a resume; a Keycloak outage leaves the tenant
 * {@code provisioning} until a retry gets through. The tenant row stays locked meanwhile, so two runs of the
 * same tenant's saga never interleave.
 */
@ApplicationScoped
public class ProvisioningSaga {

    private final TenantRepository tenants;
    private final ProvisioningRepository provisioning;
    private final TenantAccounts accounts;
    private final Outbox outbox;
    private final AuditLog audit;

    public ProvisioningSaga(TenantRepository tenants, ProvisioningRepository provisioning, TenantAccounts accounts,
            Outbox outbox, AuditLog audit) {
        this.audit = audit;
        this.tenants = tenants;
        this.provisioning = provisioning;
        this.accounts = accounts;
        this.outbox = outbox;
    }

    /** Runs inside the transaction of the tenant's {@code tenant.provisioning_requested} event. */
    public Uni<Void> run(UUID tenantId) {
        return tenants.findById(tenantId, LockModeType.PESSIMISTIC_WRITE).chain(tenant -> {
            if (tenant == null) {
                throw new PermanentEventException("No tenant " + tenantId + " to provision");
            }
            if (tenant.status != TenantStatus.provisioning) {
                Log.infof("Tenant %s is %s: nothing to provision", tenant.slug, tenant.status);
                return Uni.createFrom().voidItem();
            }
            return provisioning.findById(tenantId).chain(saga -> steps(tenant, saga));
        });
    }

    private Uni<Void> steps(Tenant tenant, TenantProvisioning saga) {
        return accounts.ensureMember(tenant.id, saga.adminEmail, saga.adminFirstName, saga.adminLastName, Roles.TENANT_ADMIN)
                .invoke(userId -> saga.adminUserId = userId)
                .call(() -> accounts.registerPortal(tenant.slug))
                .call(userId -> accounts.invite(userId, tenant.slug))
                .chain(() -> {
                    Instant now = Instant.now();
                    tenant.status = TenantStatus.active;
                    tenant.updatedAt = now;
                    saga.completedAt = now;
                    saga.blockedReason = null;
                    Log.infof("Tenant %s provisioned", tenant.slug);
                    return outbox.publish(TenantEvents.PROVISIONED, tenant.id, tenant.id.toString(),
                            TenantEvents.Provisioned.of(tenant))
                            .call(() -> audit.record(tenant.id, null, "system", "tenant.provisioned", saga.adminUserId,
                                    java.util.Map.of("firstAdmin", saga.adminUserId)));
                })
                .replaceWithVoid()
                .onFailure(TenantAccounts.EmailBelongsElsewhere.class).recoverWithItem(() -> {
                    // Retrying cannot help: a platform admin must choose another address, then resume.
                    saga.blockedReason = "The first admin's email address cannot be used for this agency";
                    Log.warnf("Provisioning of %s is blocked: %s", tenant.slug, saga.blockedReason);
                    return null;
                });
    }
}
