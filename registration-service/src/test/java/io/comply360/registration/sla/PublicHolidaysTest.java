package io.comply360.registration.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The holiday reference data as read from the classpath, checked against published calendars. */
class PublicHolidaysTest {

    private static final PublicHolidays HOLIDAYS = new PublicHolidays(new ObjectMapper());

    private static List<LocalDate> dates(String country, int year) {
        return HOLIDAYS.in(country, year).stream().map(Holiday::date).toList();
    }

    @Test
    void easterSundayOfSeveralYears() {
        assertThat(List.of(
                        Easter.sunday(2024),
                        Easter.sunday(2025),
                        Easter.sunday(2026),
                        Easter.sunday(2027),
                        Easter.sunday(2028)))
                .containsExactly(
                        LocalDate.of(2024, 3, 31),
                        LocalDate.of(2025, 4, 20),
                        LocalDate.of(2026, 4, 5),
                        LocalDate.of(2027, 3, 28),
                        LocalDate.of(2028, 4, 16));
    }

    @Test
    void southAfricas2026HolidaysWithTheirNamesAndTheSundayRule() {
        assertThat(HOLIDAYS.in("ZA", 2026))
                .containsExactly(
                        new Holiday(LocalDate.of(2026, 1, 1), "New Year's Day", false),
                        new Holiday(LocalDate.of(2026, 3, 21), "Human Rights Day", false),
                        new Holiday(LocalDate.of(2026, 4, 3), "Good Friday", false),
                        new Holiday(LocalDate.of(2026, 4, 6), "Family Day", false),
                        new Holiday(LocalDate.of(2026, 4, 27), "Freedom Day", false),
                        new Holiday(LocalDate.of(2026, 5, 1), "Workers' Day", false),
                        new Holiday(LocalDate.of(2026, 6, 16), "Youth Day", false),
                        new Holiday(LocalDate.of(2026, 8, 9), "National Women's Day", false),
                        new Holiday(LocalDate.of(2026, 8, 10), "National Women's Day", true),
                        new Holiday(LocalDate.of(2026, 9, 24), "Heritage Day", false),
                        new Holiday(LocalDate.of(2026, 12, 16), "Day of Reconciliation", false),
                        new Holiday(LocalDate.of(2026, 12, 25), "Christmas Day", false),
                        new Holiday(LocalDate.of(2026, 12, 26), "Day of Goodwill", false));
    }

    @Test
    void aSundayHolidayIsObservedOnTheMonday() {
        // 2027: Human Rights Day and the Day of Goodwill fall on Sundays.
        assertThat(HOLIDAYS.isHoliday("ZA", LocalDate.of(2027, 3, 22))).isTrue();
        assertThat(HOLIDAYS.isHoliday("ZA", LocalDate.of(2027, 12, 27))).isTrue();
        assertThat(HOLIDAYS.in("ZA", 2027))
                .contains(new Holiday(LocalDate.of(2027, 3, 22), "Human Rights Day", true))
                .contains(new Holiday(LocalDate.of(2027, 12, 27), "Day of Goodwill", true));
        // A Saturday holiday brings no Monday (Christmas 2027).
        assertThat(HOLIDAYS.isHoliday("ZA", LocalDate.of(2027, 12, 28))).isFalse();
        // Zimbabwe: Independence Day 2027 is a Sunday.
        assertThat(HOLIDAYS.isHoliday("ZW", LocalDate.of(2027, 4, 19))).isTrue();
    }

    @Test
    void aSundayHolidayWhoseMondayIsAHolidayAlreadyGivesNoFurtherDayUnlessOneIsDeclared() {
        // 2022: Christmas on a Sunday, the Day of Goodwill on the Monday; the Tuesday was declared.
        assertThat(HOLIDAYS.in("ZA", 2022).stream()
                        .filter(h -> h.date().getMonthValue() == 12 && h.date().getDayOfMonth() >= 25))
                .extracting(Holiday::date, Holiday::observed)
                .containsExactly(
                        tuple(LocalDate.of(2022, 12, 25), false),
                        tuple(LocalDate.of(2022, 12, 26), false),
                        tuple(LocalDate.of(2022, 12, 27), false));
        // 2033 has the same calendar and no declaration (yet): the Tuesday is a working day.
        assertThat(HOLIDAYS.isHoliday("ZA", LocalDate.of(2033, 12, 26))).isTrue();
        assertThat(HOLIDAYS.isHoliday("ZA", LocalDate.of(2033, 12, 27))).isFalse();
    }

    @Test
    void declaredDaysCountInTheirYearOnly() {
        assertThat(HOLIDAYS.in("ZA", 2024))
                .contains(new Holiday(LocalDate.of(2024, 5, 29), "General elections", false));
        assertThat(HOLIDAYS.isHoliday("ZA", LocalDate.of(2025, 5, 29))).isFalse();
    }

    @Test
    void zimbabwesHeroesAndDefenceForcesDaysAreTheSecondMondayOfAugustAndTheDayAfter() {
        assertThat(dates("ZW", 2024)).contains(LocalDate.of(2024, 8, 12), LocalDate.of(2024, 8, 13));
        assertThat(dates("ZW", 2026)).contains(LocalDate.of(2026, 8, 10), LocalDate.of(2026, 8, 11));
        // 1 August 2023 was a Tuesday: the second Tuesday (the 8th) came before the second Monday.
        assertThat(dates("ZW", 2023))
                .contains(LocalDate.of(2023, 8, 14), LocalDate.of(2023, 8, 15))
                .doesNotContain(LocalDate.of(2023, 8, 8));
    }

    @Test
    void zimbabwesEasterDaysAndItsYouthDayFrom2018() {
        assertThat(HOLIDAYS.in("ZW", 2026))
                .contains(
                        new Holiday(LocalDate.of(2026, 4, 3), "Good Friday", false),
                        new Holiday(LocalDate.of(2026, 4, 4), "Holy Saturday", false),
                        new Holiday(LocalDate.of(2026, 4, 6), "Easter Monday", false),
                        new Holiday(LocalDate.of(2026, 2, 21), "Robert Gabriel Mugabe National Youth Day", false));
        assertThat(HOLIDAYS.isHoliday("ZW", LocalDate.of(2018, 2, 21))).isTrue();
        assertThat(HOLIDAYS.isHoliday("ZW", LocalDate.of(2017, 2, 21))).isFalse();
        assertThat(HOLIDAYS.in("ZW", 2026)).hasSize(13);
    }

    @Test
    void anUnknownCountryHasNoPublicHolidays() {
        assertThat(HOLIDAYS.in("XX", 2026)).isEmpty();
        assertThat(HOLIDAYS.isHoliday("XX", LocalDate.of(2026, 1, 1))).isFalse();
        assertThat(HOLIDAYS.isHoliday("za", LocalDate.of(2026, 1, 1))).isTrue();
    }
}
