package io.comply360.commission.commission;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

/** Clawbacks of the transaction's tenant. */
@ApplicationScoped
public class ClawbackRepository implements PanacheRepositoryBase<Clawback, UUID> {

    /** An agent's clawbacks in a currency not yet deducted in a settlement. */
    public Uni<List<Clawback>> lockOpen(String agentId, String currency) {
        return find("agentId = ?1 and currency = ?2 and settlementId is null order by createdAt", agentId, currency)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .list();
    }

    public Uni<Clawback> ofCommission(UUID commissionId) {
        return find("commissionId", commissionId).firstResult();
    }
}
