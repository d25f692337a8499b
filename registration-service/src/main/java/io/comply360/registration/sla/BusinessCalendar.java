package io.comply360.registration.sla;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.comply360.registration.wizard.WorkingDays;

/**
 * Business time: what SLA clocks and statutory deadlines count. A day counts when it is a working day of the business
 * hours (or Monday to Friday, for business days) and not a public holiday of the country; of such a day only its
 * opening hours count, in the tenant's zone. A country without holiday data has no public holidays (see
 * {@link PublicHolidays}).
 */
@ApplicationScoped
public class BusinessCalendar implements WorkingDays {

    private final PublicHolidays holidays;

    public BusinessCalendar(PublicHolidays holidays) {
        this.holidays = holidays;
    }

    /**
     * The instant at which {@code amount} of business time has passed since {@code start}: the earliest instant with
     * that much business time between it and {@code start}. So a start outside the hours counts from the next opening,
     * a due time that lands exactly at closing stays at closing, and no amount at all is due at {@code start}.
     *
     * @throws IllegalArgumentException for a negative amount
     */
    public Instant addBusinessHours(String country, BusinessHours hours, Instant start, Duration amount) {
        if (amount.isNegative()) {
            throw new IllegalArgumentException("Cannot add a negative business time: " + amount);
        }
        if (amount.isZero()) {
            return start;
        }
        Duration remaining = amount;
        LocalDate day = start.atZone(hours.zone()).toLocalDate();
        while (true) {
            if (counts(country, hours.workingDays(), day)) {
                ZonedDateTime opens = day.atTime(hours.opens()).atZone(hours.zone());
                ZonedDateTime closes = day.atTime(hours.closes()).atZone(hours.zone());
                Instant from = later(start, opens.toInstant());
                if (from.isBefore(closes.toInstant())) {
                    // Measured between instants, so a day with a clock change counts the hours it really had.
                    Duration open = Duration.between(from, closes.toInstant());
                    if (remaining.compareTo(open) <= 0) {
                        return from.plus(remaining);
                    }
                    remaining = remaining.minus(open);
                }
            }
            day = day.plusDays(1);
        }
    }

    /** The business time between two instants; none when {@code to} is not after {@code from}. */
    public Duration businessTimeBetween(String country, BusinessHours hours, Instant from, Instant to) {
        Duration total = Duration.ZERO;
        LocalDate last = to.atZone(hours.zone()).toLocalDate();
        for (LocalDate day = from.atZone(hours.zone()).toLocalDate(); !day.isAfter(last); day = day.plusDays(1)) {
            if (counts(country, hours.workingDays(), day)) {
                Instant opens = day.atTime(hours.opens()).atZone(hours.zone()).toInstant();
                Instant closes = day.atTime(hours.closes()).atZone(hours.zone()).toInstant();
                Instant start = later(from, opens);
                Instant end = closes.isBefore(to) ? closes : to;
                if (start.isBefore(end)) {
                    total = total.plus(Duration.between(start, end));
                }
            }
        }
        return total;
    }

    /**
     * The date {@code days} business days after {@code from} (which itself does not count): Monday to Friday, public
     * holidays of the country excepted. Statutory deadlines are counted so (e.g. VAT registration within 21 business
     * days).
     *
     * @throws IllegalArgumentException for a negative number of days
     */
    public LocalDate plusBusinessDays(String country, LocalDate from, int days) {
        if (days < 0) {
            throw new IllegalArgumentException("Cannot add a negative number of business days: " + days);
        }
        LocalDate date = from;
        for (int counted = 0; counted < days; ) {
            date = date.plusDays(1);
            if (counts(country, BusinessHours.MONDAY_TO_FRIDAY, date)) {
                counted++;
            }
        }
        return date;
    }

    private boolean counts(String country, Set<DayOfWeek> workingDays, LocalDate day) {
        return workingDays.contains(day.getDayOfWeek()) && !holidays.isHoliday(country, day);
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
