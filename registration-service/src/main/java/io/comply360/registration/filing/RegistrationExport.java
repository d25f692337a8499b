package io.comply360.registration.filing;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.comply360.platform.data.TenantTransactions;
import io.comply360.platform.web.Csv;
import io.smallrye.mutiny.Multi;

/**
 * The CSV export of a filtered list: read in slices of {@link #SLICE} rows, each in a short transaction of its own,
 * and written as they come, so an export of many thousand filings holds neither a connection nor the whole list.
 */
@ApplicationScoped
public class RegistrationExport {

    static final int SLICE = 500;
    /** An export larger than this is cut; filters narrow it. */
    static final int MAX_ROWS = 100_000;

    static final List<String> HEADER = List.of(
            "reference",
            "status",
            "country",
            "type",
            "definitionVersion",
            "companyName",
            "clientId",
            "agentId",
            "assigneeId",
            "createdAt",
            "updatedAt",
            "stateEnteredAt",
            "dueAt",
            "overdue",
            "registryReference",
            "enterpriseNumber");

    private final TenantTransactions tx;
    private final RegistrationRepository registrations;
    private final Clock clock;

    public RegistrationExport(TenantTransactions tx, RegistrationRepository registrations, Clock clock) {
        this.tx = tx;
        this.registrations = registrations;
        this.clock = clock;
    }

    public Multi<String> csv(UUID tenantId, RegistrationFilter filter) {
        Instant now = clock.instant();
        return Csv.<Registration>export(
                HEADER,
                SLICE,
                MAX_ROWS,
                after -> tx.inTenant(
                        tenantId,
                        () -> registrations.slice(
                                filter,
                                now,
                                after == null ? null : after.createdAt,
                                after == null ? null : after.id,
                                SLICE)),
                r -> row(r, now));
    }

    private static List<?> row(Registration r, Instant now) {
        return java.util.Arrays.asList(
                r.reference,
                r.status,
                r.country,
                r.type,
                r.definitionVersion,
                r.companyName,
                r.clientId,
                r.agentId,
                r.assigneeId,
                r.createdAt,
                r.updatedAt,
                r.stateEnteredAt,
                r.dueAt,
                r.overdue(now),
                r.registryReference,
                r.enterpriseNumber);
    }
}
