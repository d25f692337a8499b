package io.comply360.commission.commission;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.comply360.commission.ratecard.Money;
import io.comply360.platform.data.TenantTransactions;
import io.comply360.platform.web.Csv;
import io.smallrye.mutiny.Multi;

/**
 * Commissions as CSV: read in slices of {@link #SLICE}, each in a short transaction of its own, written as they
 * come (no connection held, no list in memory); fields a spreadsheet would run as formulas are escaped by
 * {@link Csv}.
 */
@ApplicationScoped
public class CommissionExport {

    static final int SLICE = 500;
    static final int MAX_ROWS = 100_000;

    static final List<String> HEADER = List.of(
            "reference",
            "registeredOn",
            "agentId",
            "country",
            "type",
            "currency",
            "professionalFee",
            "vat",
            "disbursements",
            "feeTotal",
            "commission",
            "provisional",
            "status",
            "reason",
            "rateCardVersion",
            "settlementId");

    private final TenantTransactions tx;
    private final CommissionRepository commissions;

    public CommissionExport(TenantTransactions tx, CommissionRepository commissions) {
        this.tx = tx;
        this.commissions = commissions;
    }

    public Multi<String> csv(UUID tenantId, CommissionRepository.Filter filter) {
        return Csv.<Commission>export(
                HEADER,
                SLICE,
                MAX_ROWS,
                after -> tx.inTenant(tenantId, () -> commissions.slice(filter, after, SLICE)),
                CommissionExport::row);
    }

    private static List<?> row(Commission k) {
        return Arrays.asList(
                k.reference,
                k.registeredOn,
                k.agentId,
                k.country,
                k.type,
                k.currency,
                Money.text(k.professionalFee),
                Money.text(k.vat),
                Money.text(k.disbursements),
                Money.text(k.feeTotal),
                Money.text(k.amount),
                k.provisional,
                k.status,
                k.reason,
                k.rateCardVersion,
                k.settlementId);
    }
}
