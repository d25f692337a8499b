package io.comply360.registration.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/** SLA due times and statutory deadlines counted in business time. */
class BusinessCalendarTest {

    private static final ZoneId JOHANNESBURG = ZoneId.of("Africa/Johannesburg");
    private static final ZoneId HARARE = ZoneId.of("Africa/Harare");
    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final BusinessCalendar CALENDAR = new BusinessCalendar(new PublicHolidays(new ObjectMapper()));

    private static BusinessHours eightToFive(ZoneId zone) {
        return new BusinessHours(BusinessHours.MONDAY_TO_FRIDAY, LocalTime.of(8, 0), LocalTime.of(17, 0), zone);
    }

    private static Instant at(String localDateTime, ZoneId zone) {
        return LocalDateTime.parse(localDateTime).atZone(zone).toInstant();
    }

    @Test
    void sixteenHoursFromThursdayAfternoonSkipTheEasterWeekend() {
        // Thursday 15:00–17:00 (2 h), Good Friday, the weekend, Family Day, Tuesday (9 h), Wednesday 08:00 + 5 h.
        Instant due = CALENDAR.addBusinessHours(
                "ZA", eightToFive(JOHANNESBURG), at("2026-04-02T15:00", JOHANNESBURG), Duration.ofHours(16));
        assertThat(due).isEqualTo(at("2026-04-08T13:00", JOHANNESBURG)).isEqualTo("2026-04-08T11:00:00Z");
    }

    @Test
    void theCountrysHolidaysApplyZimbabwesEasterMondayButNotSouthAfricasFreedomDay() {
        BusinessHours harare = eightToFive(HARARE);
        // Freedom Day (South Africa) is a working day in Zimbabwe: Monday 27 April 2026, 8 h later.
        assertThat(CALENDAR.addBusinessHours("ZW", harare, at("2026-04-27T08:00", HARARE), Duration.ofHours(8)))
                .isEqualTo(at("2026-04-27T16:00", HARARE));
        assertThat(CALENDAR.addBusinessHours(
                        "ZA", eightToFive(JOHANNESBURG), at("2026-04-27T08:00", JOHANNESBURG), Duration.ofHours(8)))
                .isEqualTo(at("2026-04-28T16:00", JOHANNESBURG));
        // Heroes' and Defence Forces days: Friday 7 August 16:00 + 2 h → Wednesday 12 August 09:00.
        assertThat(CALENDAR.addBusinessHours("ZW", harare, at("2026-08-07T16:00", HARARE), Duration.ofHours(2)))
                .isEqualTo(at("2026-08-12T09:00", HARARE));
    }

    @Test
    void aStartOutsideTheHoursCountsFromTheNextOpening() {
        BusinessHours hours = eightToFive(JOHANNESBURG);
        // Before opening on a Tuesday.
        assertThat(CALENDAR.addBusinessHours("ZA", hours, at("2026-04-07T06:30", JOHANNESBURG), Duration.ofHours(1)))
                .isEqualTo(at("2026-04-07T09:00", JOHANNESBURG));
        // After closing on a Friday, and on a Saturday: Monday.
        assertThat(CALENDAR.addBusinessHours("ZA", hours, at("2026-04-10T18:00", JOHANNESBURG), Duration.ofHours(1)))
                .isEqualTo(at("2026-04-13T09:00", JOHANNESBURG));
        assertThat(CALENDAR.addBusinessHours("ZA", hours, at("2026-04-11T10:00", JOHANNESBURG), Duration.ofHours(1)))
                .isEqualTo(at("2026-04-13T09:00", JOHANNESBURG));
    }

    @Test
    void aDueTimeAtClosingStaysAtClosing() {
        BusinessHours hours = eightToFive(JOHANNESBURG);
        assertThat(CALENDAR.addBusinessHours("ZA", hours, at("2026-04-07T08:00", JOHANNESBURG), Duration.ofHours(9)))
                .isEqualTo(at("2026-04-07T17:00", JOHANNESBURG));
        assertThat(CALENDAR.addBusinessHours(
                        "ZA",
                        hours,
                        at("2026-04-07T08:00", JOHANNESBURG),
                        Duration.ofHours(9).plusMinutes(1)))
                .isEqualTo(at("2026-04-08T08:01", JOHANNESBURG));
    }

    @Test
    void noTimeIsDueAtTheStartAndANegativeAmountIsRefused() {
        Instant saturday = at("2026-04-11T10:00", JOHANNESBURG);
        assertThat(CALENDAR.addBusinessHours("ZA", eightToFive(JOHANNESBURG), saturday, Duration.ZERO))
                .isEqualTo(saturday);
        assertThatThrownBy(() ->
                        CALENDAR.addBusinessHours("ZA", eightToFive(JOHANNESBURG), saturday, Duration.ofHours(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theTenantsZoneDecidesWhenTheHoursAre() {
        // 06:30 UTC is 08:30 in Johannesburg (open) but 07:30 in London (not yet open).
        Instant start = Instant.parse("2026-04-07T06:30:00Z");
        assertThat(CALENDAR.addBusinessHours("ZA", eightToFive(JOHANNESBURG), start, Duration.ofHours(2)))
                .isEqualTo("2026-04-07T08:30:00Z");
        assertThat(CALENDAR.addBusinessHours("ZA", eightToFive(LONDON), start, Duration.ofHours(2)))
                .isEqualTo("2026-04-07T09:00:00Z");
        // London moves to summer time on Sunday 29 March 2026: Monday opens at 08:00 BST, 07:00 UTC.
        assertThat(CALENDAR.addBusinessHours(
                        "ZA", eightToFive(LONDON), Instant.parse("2026-03-27T16:00:00Z"), Duration.ofHours(2)))
                .isEqualTo("2026-03-30T08:00:00Z");
    }

    @Test
    void otherWorkingDaysAndHours() {
        // Monday to Saturday 09:00–13:00: Holy Saturday is a Zimbabwean holiday, Saturday 11 April is not.
        BusinessHours mornings = new BusinessHours(
                EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.SATURDAY), LocalTime.of(9, 0), LocalTime.of(13, 0), HARARE);
        assertThat(CALENDAR.addBusinessHours("ZW", mornings, at("2026-04-02T12:00", HARARE), Duration.ofHours(5)))
                .isEqualTo(at("2026-04-07T13:00", HARARE));
        assertThat(CALENDAR.addBusinessHours("ZW", mornings, at("2026-04-10T12:00", HARARE), Duration.ofHours(2)))
                .isEqualTo(at("2026-04-11T10:00", HARARE));
    }

    @Test
    void businessHoursMustHaveADayAndCloseAfterTheyOpen() {
        assertThatThrownBy(() -> new BusinessHours(Set.of(), LocalTime.of(8, 0), LocalTime.of(17, 0), JOHANNESBURG))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BusinessHours(
                        BusinessHours.MONDAY_TO_FRIDAY, LocalTime.of(17, 0), LocalTime.of(8, 0), JOHANNESBURG))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void businessTimeBetweenCountsOnlyOpenHoursOfWorkingDays() {
        BusinessHours hours = eightToFive(JOHANNESBURG);
        Instant thursday = at("2026-04-02T15:00", JOHANNESBURG);
        assertThat(CALENDAR.businessTimeBetween("ZA", hours, thursday, at("2026-04-08T13:00", JOHANNESBURG)))
                .isEqualTo(Duration.ofHours(16));
        assertThat(CALENDAR.businessTimeBetween(
                        "ZA", hours, at("2026-04-07T10:15", JOHANNESBURG), at("2026-04-07T11:45", JOHANNESBURG)))
                .isEqualTo(Duration.ofMinutes(90));
        // Over a weekend only: nothing.
        assertThat(CALENDAR.businessTimeBetween(
                        "ZA", hours, at("2026-04-10T17:30", JOHANNESBURG), at("2026-04-13T07:59", JOHANNESBURG)))
                .isZero();
        assertThat(CALENDAR.businessTimeBetween("ZA", hours, at("2026-04-08T13:00", JOHANNESBURG), thursday))
                .isZero();
    }

    @Test
    void businessTimeBetweenUndoesAddBusinessHours() {
        BusinessHours hours = eightToFive(LONDON);
        Instant start = Instant.parse("2026-03-20T11:17:00Z");
        for (int hoursToAdd = 1; hoursToAdd <= 200; hoursToAdd += 7) {
            Instant due = CALENDAR.addBusinessHours("ZA", hours, start, Duration.ofHours(hoursToAdd));
            assertThat(CALENDAR.businessTimeBetween("ZA", hours, start, due)).isEqualTo(Duration.ofHours(hoursToAdd));
        }
    }

    @Test
    void twentyOneBusinessDaysForAVatRegistration() {
        // From Wednesday 18 March 2026: Human Rights Day is a Saturday (no Monday), Good Friday and Family Day skip.
        assertThat(CALENDAR.plusBusinessDays("ZA", LocalDate.of(2026, 3, 18), 21))
                .isEqualTo(LocalDate.of(2026, 4, 20));
        // Across the 2022 year end with its declared 27 December: 28, 29, 30 December, then 3 January 2023.
        assertThat(CALENDAR.plusBusinessDays("ZA", LocalDate.of(2022, 12, 23), 4))
                .isEqualTo(LocalDate.of(2023, 1, 3));
    }

    @Test
    void plusBusinessDaysFromAWeekendOrHolidayAndNone() {
        assertThat(CALENDAR.plusBusinessDays("ZA", LocalDate.of(2026, 4, 4), 1)).isEqualTo(LocalDate.of(2026, 4, 7));
        assertThat(CALENDAR.plusBusinessDays("ZA", LocalDate.of(2026, 4, 4), 0)).isEqualTo(LocalDate.of(2026, 4, 4));
        // A country without holiday data counts weekends only: Family Day is a Monday like any other.
        assertThat(CALENDAR.plusBusinessDays("XX", LocalDate.of(2026, 4, 2), 1)).isEqualTo(LocalDate.of(2026, 4, 3));
        assertThat(CALENDAR.plusBusinessDays("XX", LocalDate.of(2026, 4, 3), 1)).isEqualTo(LocalDate.of(2026, 4, 6));
        assertThatThrownBy(() -> CALENDAR.plusBusinessDays("ZA", LocalDate.of(2026, 4, 4), -1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
