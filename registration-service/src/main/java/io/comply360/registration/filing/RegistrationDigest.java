package io.comply360.registration.filing;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A tenant's filings that need someone's attention, for notification-service's daily digest: those waiting for a
 * reviewer, those whose SLA runs out soon and those past it.
 */
@RegisterForReflection
public record RegistrationDigest(
        UUID tenantId, Instant generatedAt, Section waitingForReview, Section slaWarnings, Section slaBreached) {

    /** The most filings a section lists; its {@code count} is always all of them. */
    public static final int ITEMS = 20;

    /** All {@code count} filings of a section, the first {@value #ITEMS} of them listed. */
    @RegisterForReflection
    public record Section(long count, List<Item> items) {}

    /**
     * One filing: where it stands, who holds it ({@code assigneeId}, null when nobody), since when it is in its state
     * ({@code enteredAt}) and when that state is due ({@code dueAt}, null when the state has no SLA target).
     */
    @RegisterForReflection
    public record Item(
            UUID registrationId,
            String reference,
            String country,
            String type,
            RegistrationStatus status,
            String agentId,
            String assigneeId,
            Instant enteredAt,
            Instant dueAt) {}
}
