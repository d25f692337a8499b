package io.comply360.registration.filing;

import static io.comply360.registration.filing.RegistrationStatus.APPROVED;
import static io.comply360.registration.filing.RegistrationStatus.CANCELLED;
import static io.comply360.registration.filing.RegistrationStatus.CHANGES_REQUESTED;
import static io.comply360.registration.filing.RegistrationStatus.DRAFT;
import static io.comply360.registration.filing.RegistrationStatus.FILED;
import static io.comply360.registration.filing.RegistrationStatus.IN_REVIEW;
import static io.comply360.registration.filing.RegistrationStatus.REGISTERED;
import static io.comply360.registration.filing.RegistrationStatus.REJECTED;
import static io.comply360.registration.filing.RegistrationStatus.RESUBMITTED;
import static io.comply360.registration.filing.RegistrationStatus.SUBMITTED;

import java.util.EnumMap;
import java.util.Map;

import io.comply360.contracts.registration.RegistrationEvents;
import io.comply360.platform.broker.EventContract;
import io.comply360.platform.error.ProblemException;

/**
 * The filing workflow: which action moves a filing from which state to which, and the event it publishes.
 *
 * <pre>
 * DRAFT ─submit→ SUBMITTED ─assign(reviewer)→ IN_REVIEW ─approve→ APPROVED ─file→ FILED ─register→ REGISTERED
 *                                             IN_REVIEW ─request-changes→ CHANGES_REQUESTED ─submit→ RESUBMITTED
 *                                             RESUBMITTED ─assign(reviewer)→ IN_REVIEW
 *                                             IN_REVIEW ─reject→ REJECTED
 * any state before REGISTERED (but REJECTED) ─cancel→ CANCELLED
 * </pre>
 */
public enum RegistrationWorkflow {
    SUBMIT(Map.of(DRAFT, SUBMITTED, CHANGES_REQUESTED, RESUBMITTED)),
    START_REVIEW(Map.of(SUBMITTED, IN_REVIEW, RESUBMITTED, IN_REVIEW)),
    REQUEST_CHANGES(Map.of(IN_REVIEW, CHANGES_REQUESTED)),
    APPROVE(Map.of(IN_REVIEW, APPROVED)),
    REJECT(Map.of(IN_REVIEW, REJECTED)),
    FILE(Map.of(APPROVED, FILED)),
    REGISTER(Map.of(FILED, REGISTERED)),
    CANCEL(cancellable());

    private final Map<RegistrationStatus, RegistrationStatus> moves;

    RegistrationWorkflow(Map<RegistrationStatus, RegistrationStatus> moves) {
        this.moves = moves;
    }

    /** The state this action leads to from {@code current}; 409 naming the current state when it may not. */
    public RegistrationStatus from(RegistrationStatus current) {
        RegistrationStatus next = moves.get(current);
        if (next == null) {
            throw ProblemException.conflict("The filing is " + current + "; it cannot be " + pastTense()
                    + " from that state (allowed from " + moves.keySet() + ")");
        }
        return next;
    }

    public boolean allowedFrom(RegistrationStatus current) {
        return moves.containsKey(current);
    }

    /** The event of entering {@code next} by this action. */
    public EventContract<RegistrationEvents.Changed> event(RegistrationStatus next) {
        return switch (next) {
            case SUBMITTED -> RegistrationEvents.SUBMITTED;
            case RESUBMITTED -> RegistrationEvents.RESUBMITTED;
            case IN_REVIEW -> RegistrationEvents.ASSIGNED;
            case CHANGES_REQUESTED -> RegistrationEvents.CHANGES_REQUESTED;
            case APPROVED -> RegistrationEvents.APPROVED;
            case REJECTED -> RegistrationEvents.REJECTED;
            case FILED -> RegistrationEvents.FILED;
            case REGISTERED -> RegistrationEvents.REGISTERED;
            case CANCELLED -> RegistrationEvents.CANCELLED;
            case DRAFT -> RegistrationEvents.CREATED;
        };
    }

    private String pastTense() {
        return switch (this) {
            case SUBMIT -> "submitted";
            case START_REVIEW -> "taken into review";
            case REQUEST_CHANGES -> "sent back for changes";
            case APPROVE -> "approved";
            case REJECT -> "rejected";
            case FILE -> "marked as filed";
            case REGISTER -> "marked as registered";
            case CANCEL -> "cancelled";
        };
    }

    private static Map<RegistrationStatus, RegistrationStatus> cancellable() {
        Map<RegistrationStatus, RegistrationStatus> moves = new EnumMap<>(RegistrationStatus.class);
        for (RegistrationStatus status : RegistrationStatus.values()) {
            if (!status.isFinal()) {
                moves.put(status, CANCELLED);
            }
        }
        return moves;
    }
}
