package io.comply360.commission.commission;

import java.util.EnumSet;
import java.util.Set;

/**
 * A commission's life: CALCULATED → APPROVED → SETTLED → INVOICED → PAID; a tenant admin may reject a calculated or
 * approved one (REJECTED); a cancelled filing reverses it in any state but REJECTED (REVERSED; once settled, with a
 * clawback into the agent's next settlement).
 */
public enum CommissionStatus {
    CALCULATED,
    APPROVED,
    REJECTED,
    SETTLED,
    INVOICED,
    PAID,
    REVERSED;

    /** States in which the money was (or is being) paid out: reversing then needs a clawback. */
    public static final Set<CommissionStatus> SETTLED_OR_LATER = EnumSet.of(SETTLED, INVOICED, PAID);

    /** States that count towards an agent's monthly volume. */
    public static final Set<CommissionStatus> COUNTED = EnumSet.of(CALCULATED, APPROVED, SETTLED, INVOICED, PAID);
}
