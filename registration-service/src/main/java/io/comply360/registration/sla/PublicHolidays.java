package io.comply360.registration.sla;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Public holidays per country (ISO 3166-1 alpha-2, e.g. {@code ZA}, {@code ZW}), from reference data on the classpath:
 * {@code holidays/index.json} lists the countries, {@code holidays/<country>.json} holds each one's rules, so a new
 * holiday or a declared day is a data change, not a code change. An entry is placed in a year by {@code fixed}
 * ({@code "MM-dd"}), {@code easter} (days from Easter Sunday) or {@code weekday} (the {@code nth} {@code day} of a
 * {@code month}), moved by {@code plusDays}, and in force from {@code from} until {@code until} (years, inclusive);
 * {@code declared} lists one-off days; {@code sundayObservedOnMonday} applies the Sunday rule.
 *
 * <p>A country without a file has no public holidays: the calendar then counts its working days only, and says
 * nothing about it (tenants file in the countries listed; anything else is a caller's mistake the caller can see).
 */
@ApplicationScoped
public class PublicHolidays {

    private static final String FOLDER = "holidays/";

    private final Map<String, CountryHolidays> countries;
    private final Map<String, Map<Integer, Set<LocalDate>>> datesByYear = new ConcurrentHashMap<>();

    public PublicHolidays(ObjectMapper json) {
        Map<String, CountryHolidays> loaded = new HashMap<>();
        for (JsonNode country : read(json, "index.json").path("countries")) {
            String file = country.asText() + ".json";
            CountryHolidays holidays = CountryHolidays.parse(file, read(json, file));
            if (!holidays.country().equals(country.asText())) {
                throw new IllegalStateException(FOLDER + file + " names country " + holidays.country());
            }
            loaded.put(holidays.country(), holidays);
        }
        this.countries = Map.copyOf(loaded);
    }

    /** The country's public holidays in the year, by date, with the Mondays that stand in for Sunday holidays. */
    public List<Holiday> in(String country, int year) {
        CountryHolidays holidays = countries.get(country.toUpperCase(Locale.ROOT));
        return holidays == null ? List.of() : holidays.in(year);
    }

    /** Whether the date is a public holiday (or the Monday observed for one) in the country. */
    public boolean isHoliday(String country, LocalDate date) {
        CountryHolidays holidays = countries.get(country.toUpperCase(Locale.ROOT));
        if (holidays == null) {
            return false;
        }
        // The calendar asks once for every day it counts, so each year's dates are worked out once.
        return datesByYear
                .computeIfAbsent(holidays.country(), c -> new ConcurrentHashMap<>())
                .computeIfAbsent(
                        date.getYear(),
                        year -> holidays.in(year).stream().map(Holiday::date).collect(Collectors.toUnmodifiableSet()))
                .contains(date);
    }

    private static JsonNode read(ObjectMapper json, String file) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(FOLDER + file)) {
            if (in == null) {
                throw new IllegalStateException(FOLDER + file + " is missing from registration-service");
            }
            return json.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(FOLDER + file + " cannot be read", e);
        }
    }
}
