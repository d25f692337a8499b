package io.comply360.tenant.tenants;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.comply360.contracts.tenant.TenantEvents;
import io.comply360.platform.broker.PermanentEventException;
import io.comply360.platform.concurrent.CallerContext;
import io.comply360.platform.data.Leases;
import io.comply360.platform.data.TenantTransactions;
import io.comply360.platform.data.audit.AuditTrail;
import io.comply360.platform.messaging.Outbox;
import io.comply360.tenant.keycloak.TenantAccounts;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Provisions a tenant, step by step: its first admin in Keycloak (with the tenant's id and role), its portal
 * address on the portal client, the admin's set-password mail — then, and only then, the tenant becomes
 * {@code active} and {@code tenant.provisioned} is announced, in one transaction. Each step is recorded when done
 * and idempotent, so a retry or a resume goes on where the last attempt stopped (the mail goes out once). Keycloak
 * is called outside any transaction; runs of one tenant's saga never interleave (a lease). A Keycloak outage
 * leaves the tenant {@code provisioning} until a retry gets through; what retrying cannot mend (the address
 * belongs to someone else, Keycloak refuses it) leaves it {@code provisioning} and blocked with the reason, for a
 * platform admin to resume or cancel. For a cancelled tenant the saga removes what it had created in Keycloak.
 */
@ApplicationScoped
public class ProvisioningSaga {

    /** How long a tenant's provisioning waits after a replica died running it (a live holder extends the lease). */
    private static final Duration LEASE = Duration.ofSeconds(30);
    /** Well inside the handler's time limit: a delivery that cannot run now is retried later instead. */
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final TenantTransactions tx;
    private final TenantRepository tenants;
    private final ProvisioningRepository provisioning;
    private final TenantAccounts accounts;
    private final Outbox outbox;
    private final AuditTrail audit;
    private final Leases leases;

    public ProvisioningSaga(
            TenantTransactions tx,
            TenantRepository tenants,
            ProvisioningRepository provisioning,
            TenantAccounts accounts,
            Outbox outbox,
            AuditTrail audit,
            Leases leases) {
        this.tx = tx;
        this.tenants = tenants;
        this.provisioning = provisioning;
        this.accounts = accounts;
        this.outbox = outbox;
        this.audit = audit;
        this.leases = leases;
    }

    private record State(Tenant tenant, TenantProvisioning saga) {}

    /** Brings the tenant's Keycloak set-up in line with its status. Call it outside any transaction. */
    public Uni<Void> run(UUID tenantId) {
        return leases.holding(
                "provisioning:" + tenantId,
                LEASE,
                WAIT,
                () -> state(tenantId).chain(state -> {
                    if (state.tenant() == null || state.saga() == null) {
                        throw new PermanentEventException("No tenant " + tenantId + " to provision");
                    }
                    if (state.tenant().status == TenantStatus.cancelled) {
                        return cleanUp(state);
                    }
                    if (state.tenant().status != TenantStatus.provisioning) {
                        Log.infof("Tenant %s is %s: nothing to provision", state.tenant().slug, state.tenant().status);
                        return Uni.createFrom().voidItem();
                    }
                    if (state.saga().blockedReason != null) {
                        Log.infof(
                                "Provisioning of %s waits for a platform admin: %s",
                                state.tenant().slug, state.saga().blockedReason);
                        return Uni.createFrom().voidItem();
                    }
                    return steps(state);
                }));
    }

    private Uni<Void> steps(State state) {
        Tenant tenant = state.tenant();
        TenantProvisioning saga = state.saga();
        return keycloak(() -> accounts.ensureMember(
                        tenant.id,
                        saga.adminEmail,
                        saga.adminFirstName,
                        saga.adminLastName,
                        io.comply360.platform.tenancy.Roles.TENANT_ADMIN))
                .call(userId -> userId.equals(saga.adminUserId)
                        ? Uni.createFrom().voidItem()
                        : record(tenant.id, step -> step.adminUserId = userId))
                .call(() -> saga.portalRegisteredAt != null
                        ? Uni.createFrom().voidItem()
                        : keycloak(() -> accounts.registerPortal(tenant.slug))
                                .call(() -> record(tenant.id, step -> step.portalRegisteredAt = Instant.now())))
                .call(userId -> saga.invitationSentAt != null
                        ? Uni.createFrom().voidItem()
                        : keycloak(() -> accounts.invite(userId, tenant.slug))
                                .call(() -> record(tenant.id, step -> step.invitationSentAt = Instant.now())))
                .chain(userId -> activate(tenant.id, userId))
                .onFailure(TenantAccounts.EmailBelongsElsewhere.class)
                .recoverWithUni(() -> block(
                        tenant,
                        "The first admin's email address belongs to another account;"
                                + " cancel this tenant and create it again with another address"))
                .onFailure(TenantAccounts.Rejected.class)
                .recoverWithUni(rejected -> block(
                        tenant,
                        "Keycloak refused the first admin's "
                                + ((TenantAccounts.Rejected) rejected).field() + " (" + rejected.getMessage()
                                + "); cancel this tenant and create it again"));
    }

    /** The last step: active and announced in one transaction, unless a platform admin cancelled meanwhile. */
    private Uni<Void> activate(UUID tenantId, String adminUserId) {
        return tx.inTenant(
                tenantId,
                () -> tenants.findById(tenantId, LockModeType.PESSIMISTIC_WRITE).chain(tenant -> {
                    if (tenant.status != TenantStatus.provisioning) {
                        Log.infof("Tenant %s became %s while it was provisioned", tenant.slug, tenant.status);
                        return Uni.createFrom().voidItem();
                    }
                    return provisioning.findById(tenantId).chain(saga -> {
                        Instant now = Instant.now();
                        tenant.status = TenantStatus.active;
                        tenant.updatedAt = now;
                        saga.completedAt = now;
                        Log.infof("Tenant %s provisioned", tenant.slug);
                        return outbox.publish(
                                        TenantEvents.PROVISIONED,
                                        tenant.id,
                                        tenant.id.toString(),
                                        new TenantEvents.Provisioned(
                                                tenant.id,
                                                tenant.slug,
                                                tenant.legalName,
                                                List.of(tenant.countries),
                                                tenant.tier.name(),
                                                tenant.updatedAt))
                                .call(() -> audit.record(
                                        tenant.id,
                                        null,
                                        "system",
                                        "tenant.provisioned",
                                        adminUserId,
                                        Map.of("firstAdmin", adminUserId)))
                                .replaceWithVoid();
                    });
                }));
    }

    /** Retrying cannot help: recorded with the reason, for a platform admin to resume (after a fix) or cancel. */
    private Uni<Void> block(Tenant tenant, String reason) {
        Log.warnf("Provisioning of %s is blocked: %s", tenant.slug, reason);
        return record(tenant.id, saga -> saga.blockedReason = reason)
                .call(() -> tx.inTenant(
                        tenant.id,
                        () -> audit.record(
                                tenant.id,
                                null,
                                "system",
                                "tenant.provisioning_blocked",
                                tenant.id.toString(),
                                Map.of("reason", reason))));
    }

    /**
     * A cancelled provisioning: the account it created and the portal address it registered go. The account also
     * when its creation was never recorded (a later call of that step failed); the address not when another tenant
     * has taken the slug since (it is then that tenant's address).
     */
    private Uni<Void> cleanUp(State state) {
        Tenant tenant = state.tenant();
        TenantProvisioning saga = state.saga();
        if (saga.cleanedUpAt != null) {
            return Uni.createFrom().voidItem();
        }
        Uni<String> admin = saga.adminUserId != null || saga.adminEmail == null
                ? Uni.createFrom().item(saga.adminUserId)
                : keycloak(() -> accounts.account(saga.adminEmail)).map(found -> found == null ? null : found.id());
        return admin.chain(adminId -> adminId == null
                        ? Uni.createFrom().voidItem()
                        : keycloak(() -> accounts.removeMember(tenant.id, adminId)))
                .chain(() -> keycloak(() -> accounts.unregisterPortal(
                        tenant.slug,
                        () -> tx.withoutTenant(() -> tenants.findBySlug(tenant.slug))
                                .map(other -> other != null))))
                .chain(() -> record(tenant.id, step -> step.cleanedUpAt = Instant.now()))
                .invoke(() -> Log.infof("Cancelled tenant %s removed from Keycloak", tenant.slug));
    }

    private Uni<State> state(UUID tenantId) {
        return tx.withoutTenant(() -> tenants.findById(tenantId)
                .chain(tenant -> provisioning.findById(tenantId).map(saga -> new State(tenant, saga))));
    }

    /** Writes a step's outcome in a transaction of its own, before the next remote call. */
    private Uni<Void> record(UUID tenantId, Consumer<TenantProvisioning> step) {
        return tx.withoutTenant(() -> provisioning.findById(tenantId).invoke(step))
                .replaceWithVoid();
    }

    private static <T> Uni<T> keycloak(java.util.function.Supplier<Uni<T>> call) {
        return CallerContext.resumeOn(call);
    }
}
