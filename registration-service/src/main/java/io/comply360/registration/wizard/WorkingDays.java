package io.comply360.registration.wizard;

import java.time.DayOfWeek;
import java.time.LocalDate;

/** Business-day arithmetic per country; the service provides one that knows public holidays. */
public interface WorkingDays {

    LocalDate plusBusinessDays(String country, LocalDate from, int days);

    /** Monday to Friday, no public holidays: the fallback when the service has no calendar. */
    static WorkingDays mondayToFriday() {
        return (country, from, days) -> {
            LocalDate date = from;
            int left = days;
            while (left > 0) {
                date = date.plusDays(1);
                if (date.getDayOfWeek() != DayOfWeek.SATURDAY && date.getDayOfWeek() != DayOfWeek.SUNDAY) {
                    left--;
                }
            }
            return date;
        };
    }
}
