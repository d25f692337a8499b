package io.comply360.registration.wizard.rules;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import io.comply360.registration.wizard.FieldMessage;
import io.comply360.registration.wizard.WorkingDays;

/**
 * What a rule works on: the data (a step's, or at submit an object of every step's data by step id), the
 * service's clock, settings and business-day calendar, the reference data; and what it found.
 */
public final class RuleContext {

    private final JsonNode data;
    private final Clock clock;
    private final Map<String, String> settings;
    private final WorkingDays workingDays;
    private final VatThresholds vatThresholds;
    private final List<FieldMessage> errors = new ArrayList<>();
    private final List<FieldMessage> warnings = new ArrayList<>();

    public RuleContext(
            JsonNode data,
            Clock clock,
            Map<String, String> settings,
            WorkingDays workingDays,
            VatThresholds vatThresholds) {
        this.data = data;
        this.clock = clock;
        this.settings = settings;
        this.workingDays = workingDays;
        this.vatThresholds = vatThresholds;
    }

    public JsonNode data() {
        return data;
    }

    public LocalDate today() {
        return LocalDate.now(clock);
    }

    public Optional<String> setting(String name) {
        return Optional.ofNullable(settings.get(name));
    }

    public WorkingDays workingDays() {
        return workingDays;
    }

    public VatThresholds vatThresholds() {
        return vatThresholds;
    }

    public void error(String field, String message) {
        errors.add(new FieldMessage(field, message));
    }

    public void warning(String field, String message) {
        warnings.add(new FieldMessage(field, message));
    }

    public List<FieldMessage> errors() {
        return List.copyOf(errors);
    }

    public List<FieldMessage> warnings() {
        return List.copyOf(warnings);
    }
}
