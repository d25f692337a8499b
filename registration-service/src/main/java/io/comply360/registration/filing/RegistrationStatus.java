package io.comply360.registration.filing;

import java.util.EnumSet;
import java.util.Set;

/** Where a filing stands. See {@link RegistrationWorkflow} for the moves between them. */
public enum RegistrationStatus {
    DRAFT,
    SUBMITTED,
    IN_REVIEW,
    CHANGES_REQUESTED,
    RESUBMITTED,
    APPROVED,
    REJECTED,
    FILED,
    REGISTERED,
    CANCELLED;

    /** States whose data the agent may still change. */
    public static final Set<RegistrationStatus> EDITABLE = EnumSet.of(DRAFT, CHANGES_REQUESTED);

    /** States nothing leaves. */
    public static final Set<RegistrationStatus> FINAL = EnumSet.of(REJECTED, REGISTERED, CANCELLED);

    public boolean isFinal() {
        return FINAL.contains(this);
    }
}
