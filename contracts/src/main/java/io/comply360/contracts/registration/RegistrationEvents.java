package io.comply360.contracts.registration;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.Nullable;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.comply360.platform.broker.EventContract;
import io.comply360.platform.broker.Topology;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Events of {@code registration.events}: a filing's life, published by registration-service through its outbox.
 * They carry ids and the filing's kind and state only: no fees (commission-service owns them) and no personal data
 * (consumers fetch what they need through registration-service's internal endpoints).
 */
public final class RegistrationEvents {

    public static final EventContract<Changed> CREATED = changed("registration.created");
    public static final EventContract<Changed> SUBMITTED = changed("registration.submitted");
    public static final EventContract<Changed> RESUBMITTED = changed("registration.resubmitted");
    public static final EventContract<Changed> ASSIGNED = changed("registration.assigned");
    public static final EventContract<Changed> CHANGES_REQUESTED = changed("registration.changes_requested");
    public static final EventContract<Changed> APPROVED = changed("registration.approved");
    public static final EventContract<Changed> REJECTED = changed("registration.rejected");
    public static final EventContract<Changed> FILED = changed("registration.filed");
    public static final EventContract<Changed> REGISTERED = changed("registration.registered");
    public static final EventContract<Changed> CANCELLED = changed("registration.cancelled");
    public static final EventContract<SlaBreached> SLA_BREACHED =
            EventContract.of(Topology.REGISTRATION_EVENTS, "registration.sla_breached", 1, SlaBreached.class);

    public static final List<EventContract<?>> ALL = List.of(
            CREATED,
            SUBMITTED,
            RESUBMITTED,
            ASSIGNED,
            CHANGES_REQUESTED,
            APPROVED,
            REJECTED,
            FILED,
            REGISTERED,
            CANCELLED,
            SLA_BREACHED);

    private RegistrationEvents() {}

    private static EventContract<Changed> changed(String type) {
        return EventContract.of(Topology.REGISTRATION_EVENTS, type, 1, Changed.class);
    }

    /**
     * A filing changed state or holder. {@code status} is the state after the change ({@code previousStatus} null
     * when it was created); {@code agentId} is the agent of record (the user who started it), {@code actorId} who
     * did it; {@code version} the filing's version after the change, so a consumer can ignore an older event.
     */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Changed(
            UUID registrationId,
            String reference,
            String country,
            String type,
            Integer definitionVersion,
            String status,
            @Nullable String previousStatus,
            UUID clientId,
            String agentId,
            @Nullable String assigneeId,
            String actorId,
            Long version,
            Instant changedAt) {}

    /** A filing stayed in {@code status} past its due time; published once per entry into that state. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SlaBreached(
            UUID registrationId,
            String reference,
            String country,
            String type,
            String status,
            UUID clientId,
            String agentId,
            @Nullable String assigneeId,
            Instant enteredAt,
            Instant dueAt,
            Instant breachedAt) {}
}
