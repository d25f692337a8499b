package io.comply360.tenant.tenants;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.comply360.contracts.tenant.TenantEvents;
import io.comply360.platform.broker.CloudEvent;
import io.comply360.platform.data.InTransaction;
import io.comply360.platform.data.TenantTransactions;
import io.comply360.platform.data.audit.AuditTrail;
import io.comply360.platform.error.ProblemException;
import io.comply360.platform.messaging.Outbox;
import io.comply360.platform.tenancy.Roles;
import io.comply360.platform.web.Page;
import io.smallrye.mutiny.Uni;

/**
 * Tenants as platform admins manage them. A new tenant starts in {@code provisioning}; its provisioning saga
 * ({@link ProvisioningSaga}, driven through the outbox) makes it {@code active}.
 */
@ApplicationScoped
public class TenantService {

    /** Subdomains that would collide with our own hosts or confuse users. */
    static final Set<String> RESERVED_SLUGS = Set.of(
            "www",
            "api",
            "admin",
            "app",
            "auth",
            "login",
            "logout",
            "static",
            "assets",
            "status",
            "mail",
            "smtp",
            "keycloak",
            "portal",
            "platform",
            "internal",
            "support",
            "help",
            "docs",
            "comply360");

    private final TenantTransactions tx;
    private final TenantRepository tenants;
    private final ProvisioningRepository provisioning;
    private final Outbox outbox;
    private final AuditTrail audit;

    public TenantService(
            TenantTransactions tx,
            TenantRepository tenants,
            ProvisioningRepository provisioning,
            Outbox outbox,
            AuditTrail audit) {
        this.audit = audit;
        this.tx = tx;
        this.tenants = tenants;
        this.provisioning = provisioning;
        this.outbox = outbox;
    }

    /** A tenant asked for: {@code isNew} when this request created it, not when it existed already. */
    public record Creation(Tenant tenant, boolean isNew) {}

    /**
     * Creates a tenant in {@code provisioning} with its first admin and requests its provisioning saga, in one
     * transaction, inside which {@code edge} (the resource's idempotency) runs. Idempotent on the slug too: the same
     * tenant asked for again (same slug, legal name and admin) is the existing one and starts nothing; a slug
     * taken by a different tenant is 409; a reserved slug 422.
     */
    public <R> Uni<R> create(TenantRequest request, InTransaction<Creation, R> edge) {
        if (RESERVED_SLUGS.contains(request.slug())) {
            throw ProblemException.invalid("slug", "is reserved");
        }
        return tx.inTenant(
                TenantTransactions.PLATFORM_SCOPE,
                () -> edge.run(() -> tenants.findBySlug(request.slug())
                        .chain(existing -> existing != null ? sameTenant(existing, request) : newTenant(request))));
    }

    private Uni<Creation> sameTenant(Tenant existing, TenantRequest request) {
        return provisioning.findById(existing.id).map(saga -> {
            boolean same = existing.legalName.equals(request.legalName().strip())
                    && saga != null
                    && saga.adminEmail.equalsIgnoreCase(request.admin().email().strip());
            if (!same) {
                throw ProblemException.duplicate("slug", "is taken");
            }
            return new Creation(existing, false);
        });
    }

    private Uni<Creation> newTenant(TenantRequest request) {
        Tenant tenant = new Tenant();
        tenant.id = UUID.randomUUID();
        tenant.slug = request.slug();
        tenant.legalName = request.legalName().strip();
        tenant.countries = request.countries().stream().distinct().toArray(String[]::new);
        tenant.tier = request.tier();
        tenant.status = TenantStatus.provisioning;
        tenant.createdAt = Instant.now();
        tenant.updatedAt = tenant.createdAt;
        TenantProvisioning saga = new TenantProvisioning();
        saga.tenantId = tenant.id;
        saga.adminEmail = request.admin().email().strip().toLowerCase(Locale.ROOT);
        saga.adminFirstName = request.admin().firstName().strip();
        saga.adminLastName = request.admin().lastName().strip();
        saga.requestedAt = tenant.createdAt;
        return tenants.persist(tenant)
                .call(() -> provisioning.persist(saga))
                .call(() -> requestProvisioning(tenant))
                .map(created -> new Creation(tenant, true));
    }

    private Uni<?> requestProvisioning(Tenant tenant) {
        return outbox.publish(
                TenantEvents.PROVISIONING_REQUESTED,
                tenant.id,
                tenant.id.toString(),
                new TenantEvents.ProvisioningRequested(tenant.id, tenant.slug, Instant.now()));
    }

    /** Where the tenant's provisioning saga stands. */
    public Uni<ProvisioningView> provisioning(UUID id) {
        return tx.withoutTenant(() -> tenants.findById(id)
                .onItem()
                .ifNull()
                .failWith(() -> ProblemException.notFound("Tenant"))
                .chain(tenant -> provisioning.findById(id).map(saga -> ProvisioningView.of(tenant, saga))));
    }

    /**
     * Runs the saga again from the start (its steps are idempotent): after the cause of a blocked or
     * dead-lettered provisioning is gone. 409 unless the tenant is still {@code provisioning}.
     */
    public Uni<ProvisioningView> resumeProvisioning(UUID id, String actor) {
        return tx.inTenant(
                id,
                () -> tenants.findById(id, LockModeType.PESSIMISTIC_WRITE)
                        .onItem()
                        .ifNull()
                        .failWith(() -> ProblemException.notFound("Tenant"))
                        .chain(tenant -> {
                            if (tenant.status != TenantStatus.provisioning) {
                                throw ProblemException.conflict("Tenant is " + tenant.status + ", not provisioning");
                            }
                            return provisioning
                                    .findById(id)
                                    .invoke(saga -> saga.blockedReason = null)
                                    .call(() -> requestProvisioning(tenant))
                                    .call(() -> audit.record(
                                            id,
                                            actor,
                                            Roles.PLATFORM_ADMIN,
                                            "tenant.provisioning_resumed",
                                            id.toString(),
                                            Map.of()))
                                    .map(saga -> ProvisioningView.of(tenant, saga));
                        }));
    }

    /** What a platform admin can do to a tenant's life, and from which states. */
    public enum Transition {
        SUSPEND(TenantStatus.suspended, Set.of(TenantStatus.active)),
        REACTIVATE(TenantStatus.active, Set.of(TenantStatus.suspended)),
        CLOSE(TenantStatus.closed, Set.of(TenantStatus.active, TenantStatus.suspended)),
        /** Stops a provisioning that cannot or should not finish; the slug is free again. */
        CANCEL(TenantStatus.cancelled, Set.of(TenantStatus.provisioning));

        private final TenantStatus to;
        private final Set<TenantStatus> from;

        Transition(TenantStatus to, Set<TenantStatus> from) {
            this.to = to;
            this.from = from;
        }

        /** The status a tenant in {@code current} gets; 409 from a state this transition does not start from. */
        TenantStatus applyTo(TenantStatus current) {
            if (!from.contains(current)) {
                throw ProblemException.conflict("A " + current + " tenant cannot be " + to);
            }
            return to;
        }
    }

    /**
     * Suspends, reactivates, closes or cancels a tenant (409 from any other state), announced ({@code tenant.suspended},
     * else {@code tenant.updated}) and audited in one transaction. The gateway stops serving a suspended or
     * closed tenant once its cache of the tenant expires (30 s).
     */
    public Uni<Tenant> transition(UUID id, Transition transition, String actor, String reason) {
        return tx.inTenant(
                id,
                () -> tenants.findById(id, LockModeType.PESSIMISTIC_WRITE)
                        .onItem()
                        .ifNull()
                        .failWith(() -> ProblemException.notFound("Tenant"))
                        .chain(tenant -> {
                            TenantStatus previous = tenant.status;
                            tenant.status = transition.applyTo(previous);
                            tenant.updatedAt = Instant.now();
                            String status = tenant.status.name();
                            Uni<CloudEvent> announced = transition == Transition.SUSPEND
                                    ? outbox.publish(
                                            TenantEvents.SUSPENDED,
                                            tenant.id,
                                            tenant.id.toString(),
                                            new TenantEvents.StatusChanged(
                                                    tenant.id, tenant.slug, status, previous.name(), tenant.updatedAt))
                                    : outbox.publish(
                                            TenantEvents.UPDATED,
                                            tenant.id,
                                            tenant.id.toString(),
                                            new TenantEvents.Updated(
                                                    tenant.id,
                                                    tenant.slug,
                                                    status,
                                                    previous.name(),
                                                    tenant.updatedAt,
                                                    null));
                            return announced
                                    .call(() -> audit.record(
                                            tenant.id,
                                            actor,
                                            Roles.PLATFORM_ADMIN,
                                            "tenant." + tenant.status,
                                            tenant.id.toString(),
                                            reason == null
                                                    ? Map.of("from", previous.name())
                                                    : Map.of("from", previous.name(), "reason", reason)))
                                    // The saga removes what provisioning created in Keycloak.
                                    .call(() -> transition == Transition.CANCEL
                                            ? requestProvisioning(tenant)
                                            : Uni.createFrom().voidItem())
                                    .replaceWith(tenant);
                        }));
    }

    public Uni<Tenant> bySlug(String slug) {
        return tx.withoutTenant(() -> tenants.findBySlug(slug))
                .onItem()
                .ifNull()
                .failWith(() -> ProblemException.notFound("Tenant"));
    }

    public Uni<Tenant> get(UUID id) {
        return tx.withoutTenant(() -> tenants.findById(id))
                .onItem()
                .ifNull()
                .failWith(() -> ProblemException.notFound("Tenant"));
    }

    public Uni<Page<TenantView>> list(int limit, int offset) {
        return tx.withoutTenant(() -> tenants.count()
                .chain(total -> tenants.page(limit, offset)
                        .map(page ->
                                new Page<>(page.stream().map(TenantView::of).toList(), total, limit, offset))));
    }
}
