package io.comply360.commission.odoo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.comply360.commission.config.CommissionConfig;

/**
 * A circuit breaker per agency's Odoo: after {@code breaker-threshold} consecutive failures to reach it, its jobs
 * wait (open) for {@code breaker-open}, doubling per failed probe up to {@code max-backoff}; then one job probes
 * (half-open) and a success closes it. One agency's Odoo being down never slows another's jobs. Per process: each
 * replica learns on its own (a few extra probes, no shared state to fail).
 */
@ApplicationScoped
public class TenantBreakers {

    private record State(int failures, Instant openUntil) {}

    private final Map<UUID, State> states = new ConcurrentHashMap<>();
    private final Clock clock;
    private final CommissionConfig config;

    public TenantBreakers(Clock clock, CommissionConfig config) {
        this.clock = clock;
        this.config = config;
    }

    /**
     * Null when a call to the tenant's Odoo may go ahead (closed, or this caller is the half-open probe: others
     * wait while it runs); else until when to wait.
     */
    public Instant blockedUntil(UUID tenantId) {
        Instant now = clock.instant();
        Instant[] blocked = {null};
        states.computeIfPresent(tenantId, (id, s) -> {
            if (s.openUntil() == null) {
                return s;
            }
            if (now.isBefore(s.openUntil())) {
                blocked[0] = s.openUntil();
                return s;
            }
            // Half-open: this caller probes; the others wait as long as a call may take.
            return new State(s.failures(), now.plus(config.odoo().callTimeout()).plusSeconds(5));
        });
        return blocked[0];
    }

    public void success(UUID tenantId) {
        states.remove(tenantId);
    }

    /** A failure to reach the tenant's Odoo; returns until when the breaker is open (null: still closed). */
    public Instant failure(UUID tenantId) {
        State s = states.merge(tenantId, new State(1, null), (old, one) -> {
            int failures = old.failures() + 1;
            if (failures < config.odoo().breakerThreshold()) {
                return new State(failures, null);
            }
            int opened = failures - config.odoo().breakerThreshold();
            Duration open = config.odoo().breakerOpen().multipliedBy(1L << Math.min(opened, 10));
            if (open.compareTo(config.odoo().maxBackoff()) > 0) {
                open = config.odoo().maxBackoff();
            }
            return new State(failures, clock.instant().plus(open));
        });
        return s.openUntil();
    }

    public Instant openUntil(UUID tenantId) {
        State s = states.get(tenantId);
        return s == null || s.openUntil() == null || s.openUntil().isBefore(clock.instant()) ? null : s.openUntil();
    }

    public void reset(UUID tenantId) {
        states.remove(tenantId);
    }
}
