package io.comply360.registration.sla;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntFunction;

import com.fasterxml.jackson.databind.JsonNode;

/** One country's holiday rules and declared days, as read from {@code holidays/<country>.json}. */
record CountryHolidays(String country, boolean sundayObservedOnMonday, List<Rule> rules, List<Holiday> declared) {

    /** A recurring holiday: its date in a year, in force from {@code from} to {@code until} (inclusive years). */
    record Rule(String name, IntFunction<LocalDate> dateIn, int from, int until) {

        boolean inForce(int year) {
            return year >= from && year <= until;
        }
    }

    /**
     * The year's holidays by date. A Sunday holiday brings its Monday, unless that Monday is a holiday already: the
     * Act gives no further day then (which is why South Africa's 27 December 2022 had to be declared).
     */
    List<Holiday> in(int year) {
        List<Holiday> found = new ArrayList<>();
        for (Rule rule : rules) {
            if (rule.inForce(year)) {
                found.add(new Holiday(rule.dateIn().apply(year), rule.name(), false));
            }
        }
        declared.stream().filter(day -> day.date().getYear() == year).forEach(found::add);
        if (sundayObservedOnMonday) {
            Set<LocalDate> taken = new HashSet<>();
            found.forEach(holiday -> taken.add(holiday.date()));
            for (Holiday holiday : List.copyOf(found)) {
                LocalDate monday = holiday.date().plusDays(1);
                if (holiday.date().getDayOfWeek() == DayOfWeek.SUNDAY && taken.add(monday)) {
                    found.add(new Holiday(monday, holiday.name(), true));
                }
            }
        }
        found.sort(Comparator.comparing(Holiday::date));
        return List.copyOf(found);
    }

    /** Reads a country's file; a malformed entry fails the start, naming the file and the entry. */
    static CountryHolidays parse(String file, JsonNode json) {
        List<Rule> rules = new ArrayList<>();
        for (JsonNode entry : json.path("holidays")) {
            rules.add(new Rule(
                    text(file, entry, "name"),
                    dateRule(file, entry),
                    entry.path("from").asInt(Integer.MIN_VALUE),
                    entry.path("until").asInt(Integer.MAX_VALUE)));
        }
        List<Holiday> declared = new ArrayList<>();
        for (JsonNode entry : json.path("declared")) {
            declared.add(new Holiday(LocalDate.parse(text(file, entry, "date")), text(file, entry, "name"), false));
        }
        return new CountryHolidays(
                text(file, json, "country"),
                json.path("sundayObservedOnMonday").asBoolean(false),
                List.copyOf(rules),
                List.copyOf(declared));
    }

    private static IntFunction<LocalDate> dateRule(String file, JsonNode entry) {
        IntFunction<LocalDate> date;
        if (entry.has("fixed")) {
            MonthDay day = MonthDay.parse("--" + entry.get("fixed").asText());
            date = day::atYear;
        } else if (entry.has("easter")) {
            int offset = entry.get("easter").asInt();
            date = year -> Easter.sunday(year).plusDays(offset);
        } else if (entry.has("weekday")) {
            JsonNode rule = entry.get("weekday");
            int month = rule.path("month").asInt();
            int nth = rule.path("nth").asInt();
            DayOfWeek day = DayOfWeek.valueOf(text(file, rule, "day"));
            date = year -> LocalDate.of(year, month, 1).with(TemporalAdjusters.dayOfWeekInMonth(nth, day));
        } else {
            throw new IllegalStateException(
                    file + ": holiday " + entry + " needs one of fixed, easter or weekday to place it in a year");
        }
        int plusDays = entry.path("plusDays").asInt(0);
        return plusDays == 0 ? date : year -> date.apply(year).plusDays(plusDays);
    }

    private static String text(String file, JsonNode node, String field) {
        if (!node.path(field).isTextual()) {
            throw new IllegalStateException(file + ": " + node + " has no " + field);
        }
        return node.get(field).asText();
    }
}
