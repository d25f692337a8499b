package io.comply360.tenant.service;

import java.net.URI;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.comply360.platform.data.IdempotencyKeys;
import io.comply360.platform.data.IdempotencyKeys.Created;
import io.comply360.platform.data.StoredResponse;
import io.comply360.platform.data.TenantTransactions;
import io.comply360.platform.error.ProblemException;
import io.comply360.platform.messaging.Outbox;
import io.comply360.platform.web.Page;
import io.comply360.tenant.Tenant;
import io.comply360.tenant.TenantStatus;
import io.comply360.tenant.messaging.TenantEvents;
import io.comply360.tenant.repository.TenantRepository;
import io.comply360.tenant.rest.TenantRequest;
import io.comply360.tenant.rest.TenantView;
import io.smallrye.mutiny.Uni;

/**
 * Tenants as platform admins manage them. A new tenant starts in {@code provisioning}; {@link #activate}
 * completes provisioning (the provisioning saga with its Keycloak steps will call it once they are done).
 */
@ApplicationScoped
public class TenantService {

    /** Subdomains that would collide with our own hosts or confuse users. */
    static final Set<String> RESERVED_SLUGS = Set.of("www", "api", "admin", "app", "auth", "login", "logout",
            "static", "assets", "status", "mail", "smtp", "keycloak", "portal", "platform", "internal", "support",
            "help", "docs", "comply360");

    private static final String CREATE = "POST /api/v1/tenants";

    private final TenantTransactions tx;
    private final TenantRepository tenants;
    private final IdempotencyKeys idempotency;
    private final Outbox outbox;

    public TenantService(TenantTransactions tx, TenantRepository tenants, IdempotencyKeys idempotency, Outbox outbox) {
        this.tx = tx;
        this.tenants = tenants;
        this.idempotency = idempotency;
        this.outbox = outbox;
    }

    /** Creates a tenant once per {@code Idempotency-Key}; 422 for a reserved slug, 409 for a taken one. */
    public Uni<StoredResponse> create(TenantRequest request, String idempotencyKey, String principal) {
        if (RESERVED_SLUGS.contains(request.slug())) {
            throw ProblemException.invalid("slug", "is reserved");
        }
        return tx.inTenant(TenantTransactions.PLATFORM_SCOPE, () -> idempotency.once(idempotencyKey, CREATE,
                principal, request, () -> tenants.findBySlug(request.slug())
                        .onItem().ifNotNull().failWith(() -> ProblemException.duplicate("slug", "is taken"))
                        .chain(() -> {
                            Tenant tenant = new Tenant();
                            tenant.id = UUID.randomUUID();
                            tenant.slug = request.slug();
                            tenant.legalName = request.legalName().strip();
                            tenant.countries = request.countries().stream().distinct().toArray(String[]::new);
                            tenant.tier = request.tier();
                            tenant.status = TenantStatus.provisioning;
                            tenant.createdAt = Instant.now();
                            tenant.updatedAt = tenant.createdAt;
                            return tenants.persist(tenant);
                        })
                        .map(tenant -> new Created(201, URI.create("/api/v1/tenants/" + tenant.id),
                                TenantView.of(tenant)))));
    }

    /**
     * Completes provisioning: {@code provisioning} → {@code active}, announcing {@code tenant.provisioned} in
     * the same transaction. 409 for a tenant in any other state (an active tenant is not provisioned twice).
     */
    public Uni<Tenant> activate(UUID id) {
        return tx.inTenant(id, () -> tenants.findById(id, LockModeType.PESSIMISTIC_WRITE)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Tenant"))
                .invoke(tenant -> {
                    if (tenant.status != TenantStatus.provisioning) {
                        throw ProblemException.conflict("Tenant is " + tenant.status + ", not provisioning");
                    }
                    tenant.status = TenantStatus.active;
                    tenant.updatedAt = Instant.now();
                })
                .call(tenant -> outbox.publish(TenantEvents.PROVISIONED, tenant.id, tenant.id.toString(),
                        TenantEvents.Provisioned.of(tenant))));
    }

    public Uni<Tenant> bySlug(String slug) {
        return tx.withoutTenant(() -> tenants.findBySlug(slug))
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Tenant"));
    }

    public Uni<Tenant> get(UUID id) {
        return tx.withoutTenant(() -> tenants.findById(id))
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Tenant"));
    }

    public Uni<Page<TenantView>> list(int limit, int offset) {
        return tx.withoutTenant(() -> tenants.count().chain(total -> tenants.page(limit, offset)
                .map(page -> new Page<>(page.stream().map(TenantView::of).toList(), total, limit, offset))));
    }
}
