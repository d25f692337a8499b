package io.comply360.registration.sla;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * When an agency works, in its own time zone: the SLA clocks run only then. Opening hours are the same on every working
 * day and never pass midnight (tenant settings refuse closing before opening).
 */
public record BusinessHours(Set<DayOfWeek> workingDays, LocalTime opens, LocalTime closes, ZoneId zone) {

    /** Monday to Friday: the working week of statutory business days. */
    public static final Set<DayOfWeek> MONDAY_TO_FRIDAY = Set.copyOf(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY));

    public BusinessHours {
        Objects.requireNonNull(workingDays, "workingDays");
        Objects.requireNonNull(opens, "opens");
        Objects.requireNonNull(closes, "closes");
        Objects.requireNonNull(zone, "zone");
        if (workingDays.isEmpty()) {
            // No day would ever count: a due time could never be reached.
            throw new IllegalArgumentException("Business hours need at least one working day");
        }
        if (!opens.isBefore(closes)) {
            throw new IllegalArgumentException(
                    "Business hours must close (" + closes + ") after they open (" + opens + ")");
        }
        workingDays = Set.copyOf(workingDays);
    }
}
