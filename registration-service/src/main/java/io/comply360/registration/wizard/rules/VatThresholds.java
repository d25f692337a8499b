package io.comply360.registration.wizard.rules;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import io.comply360.registration.wizard.ClasspathJson;

/**
 * South African VAT registration thresholds, effective-dated reference data
 * ({@code wizards/reference/za-vat-thresholds.json}): thresholds change by legislation, never by a code release.
 */
public final class VatThresholds {

    public static final String RESOURCE = "wizards/reference/za-vat-thresholds.json";

    /** The thresholds in force from {@code from} to {@code until} (inclusive; null while current), in rand. */
    public record Threshold(LocalDate from, LocalDate until, BigDecimal compulsory, BigDecimal voluntary) {

        boolean covers(LocalDate date) {
            return !date.isBefore(from) && (until == null || !date.isAfter(until));
        }
    }

    private final List<Threshold> thresholds;
    private final int applyWithinBusinessDays;

    public VatThresholds(List<Threshold> thresholds, int applyWithinBusinessDays) {
        this.thresholds = thresholds.stream()
                .sorted(Comparator.comparing(Threshold::from))
                .toList();
        this.applyWithinBusinessDays = applyWithinBusinessDays;
    }

    public static VatThresholds fromClasspath() {
        JsonNode json = ClasspathJson.read(RESOURCE);
        List<Threshold> thresholds = new ArrayList<>();
        for (JsonNode period : json.path("thresholds")) {
            JsonNode until = period.path("until");
            thresholds.add(new Threshold(
                    LocalDate.parse(period.path("from").asText()),
                    until.isTextual() ? LocalDate.parse(until.asText()) : null,
                    period.path("compulsory").decimalValue(),
                    period.path("voluntary").decimalValue()));
        }
        if (thresholds.isEmpty() || !json.path("applyWithinBusinessDays").isIntegralNumber()) {
            throw new IllegalStateException(RESOURCE + " needs thresholds and applyWithinBusinessDays");
        }
        return new VatThresholds(thresholds, json.get("applyWithinBusinessDays").intValue());
    }

    /** The thresholds in force on {@code date}. */
    public Optional<Threshold> on(LocalDate date) {
        return thresholds.stream().filter(t -> t.covers(date)).findFirst();
    }

    /** Business days a vendor has to apply after the compulsory threshold is crossed. */
    public int applyWithinBusinessDays() {
        return applyWithinBusinessDays;
    }
}
