package io.comply360.tenant.settings;

import java.time.DayOfWeek;
import java.util.List;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The working week the SLA clocks count (public holidays come from reference data elsewhere). */
@RegisterForReflection // also read and written by Hibernate's JSON mapping, outside REST
public record BusinessHours(
        @NotEmpty(message = "must name at least one day")
        @Size(max = 7, message = "must name at most the 7 days of a week")
        List<@NotNull(message = "is required") DayOfWeek> days,

        @NotNull(message = "is required")
        @Size(max = 5, message = "must be a time like 08:00")
        @Pattern(regexp = "([01][0-9]|2[0-3]):[0-5][0-9]", message = "must be a time like 08:00")
        String opens,

        @NotNull(message = "is required")
        @Size(max = 5, message = "must be a time like 17:00")
        @Pattern(regexp = "([01][0-9]|2[0-3]):[0-5][0-9]", message = "must be a time like 17:00")
        String closes) {

    /** Monday to Friday, 08:00 to 17:00: also the column's default in the database. */
    public static final BusinessHours DEFAULT = new BusinessHours(
            List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY),
            "08:00",
            "17:00");
}
