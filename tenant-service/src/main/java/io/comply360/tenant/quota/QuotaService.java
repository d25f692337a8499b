package io.comply360.tenant.quota;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.comply360.platform.data.TenantTransactions;
import io.comply360.platform.error.FieldError;
import io.comply360.platform.error.ProblemException;
import io.comply360.platform.error.ProblemType;
import io.comply360.tenant.config.QuotaConfig;
import io.comply360.tenant.tenants.Tenant;
import io.comply360.tenant.tenants.TenantRepository;
import io.smallrye.mutiny.Uni;

/**
 * Quotas per tier. Each service owns the count of what it creates and asks here before creating one more
 * ({@link #check}); going over is a 403 problem naming the quota, never a silent refusal.
 */
@ApplicationScoped
public class QuotaService {

    /** A tenant's limits by quota name. */
    public record Limits(String tier, Map<String, Long> limits) {}

    /** The answer to "may I add {@code adding} to {@code current}?" when it is yes. */
    public record Allowance(String quota, long limit, long current, long adding, long remaining) {}

    private final QuotaConfig config;
    private final TenantTransactions tx;
    private final TenantRepository tenants;

    public QuotaService(QuotaConfig config, TenantTransactions tx, TenantRepository tenants) {
        this.config = config;
        this.tx = tx;
        this.tenants = tenants;
    }

    public Uni<Limits> limits(UUID tenantId) {
        return tenant(tenantId).map(tenant -> {
            Map<String, Long> limits = new LinkedHashMap<>();
            for (Quota quota : Quota.values()) {
                limits.put(quota.id(), quota.limitIn(limitsOf(tenant)));
            }
            return new Limits(tenant.tier.name(), limits);
        });
    }

    /** 403 problem naming the quota when {@code current + adding} would exceed the tenant's limit. */
    public Uni<Allowance> check(UUID tenantId, Quota quota, long current, long adding) {
        return tenant(tenantId).map(tenant -> check(tenant, quota, current, adding));
    }

    /** The same check for a tenant already loaded (inside a caller's transaction: opens none of its own). */
    public Allowance check(Tenant tenant, Quota quota, long current, long adding) {
        long limit = quota.limitIn(limitsOf(tenant));
        if (current + adding > limit) {
            throw new ProblemException(
                    ProblemType.FORBIDDEN,
                    "Quota " + quota.id() + " of the " + tenant.tier + " tier is reached (" + limit
                            + "); an upgrade raises it",
                    List.of(new FieldError(quota.id(), "limit " + limit + " reached")));
        }
        return new Allowance(quota.id(), limit, current, adding, limit - current - adding);
    }

    private QuotaConfig.Limits limitsOf(Tenant tenant) {
        QuotaConfig.Limits limits = config.tiers().get(tenant.tier.name());
        if (limits == null) {
            throw new IllegalStateException("No quotas configured for tier " + tenant.tier);
        }
        return limits;
    }

    private Uni<Tenant> tenant(UUID tenantId) {
        return tx.withoutTenant(() -> tenants.findById(tenantId))
                .onItem()
                .ifNull()
                .failWith(() -> ProblemException.notFound("Tenant"));
    }
}
