package io.comply360.tenant.audit;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.comply360.platform.data.TenantTransactions;
import io.comply360.platform.data.audit.AuditTrail;
import io.comply360.platform.data.audit.AuditView;
import io.comply360.platform.web.Page;
import io.smallrye.mutiny.Uni;

/**
 * A tenant's audit trail as its admins read it: every admin action, by platform admins and by the tenant's own
 * admins. The features write their entries through {@link AuditTrail} in the transactions of their changes.
 */
@ApplicationScoped
public class AuditService {

    private final TenantTransactions tx;
    private final AuditTrail trail;

    public AuditService(TenantTransactions tx, AuditTrail trail) {
        this.tx = tx;
        this.trail = trail;
    }

    /** Newest first. */
    public Uni<Page<AuditView>> page(UUID tenantId, int limit, int offset) {
        return tx.inTenant(tenantId, () -> trail.page(limit, offset));
    }
}
