package io.comply360.registration.wizard;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.comply360.platform.error.FieldError;
import io.comply360.platform.error.ProblemException;
import io.comply360.platform.error.ProblemType;
import io.comply360.registration.config.RegistrationConfig;
import io.comply360.registration.wizard.formats.DomainFormat;
import io.comply360.registration.wizard.formats.DomainFormats;

/** Definitions by country, type and version, and the validation of filing data against them. */
@ApplicationScoped
public class WizardService {

    private final WizardCatalog catalog;
    private final StepValidator validator;

    static final int MAX_MESSAGES = 100;

    private final Map<String, DomainFormat> formats;

    public WizardService(WizardCatalog catalog, RegistrationConfig config, WorkingDays calendar, Clock clock) {
        this.catalog = catalog;
        this.validator = new StepValidator(clock, config.ruleSettings(), calendar);
        this.formats = DomainFormats.all(clock).stream()
                .collect(java.util.stream.Collectors.toMap(DomainFormat::name, f -> f));
    }

    /**
     * Checks the number a registry issued against the filing type's {@code outcome} (a domain format or a
     * pattern): the reason it is not one, or empty.
     */
    public Optional<String> checkOutcome(Definition definition, String number) {
        JsonNode outcome = definition.source().path("outcome");
        String format = outcome.path("format").asText(null);
        if (format != null && formats.containsKey(format)) {
            return Optional.ofNullable(formats.get(format).check(number).error());
        }
        String pattern = outcome.path("pattern").asText(null);
        if (pattern != null && !number.matches(pattern)) {
            return Optional.of("must be a " + outcome.path("label").path("en").asText("registry number"));
        }
        return Optional.empty();
    }

    public Definition definition(String country, String type, Integer version) {
        return version == null ? catalog.current(country, type) : catalog.version(country, type, version);
    }

    /** A step's data checked on its own: 404 for a step the definition does not have, 422 for data that is no object. */
    public ValidationResult validateStep(Definition definition, String stepId, JsonNode data) {
        requireStep(definition, stepId);
        StepData.requireStorableObject(data, "");
        return limited(validator.validateStep(definition, stepId, data));
    }

    /**
     * At most {@link #MAX_MESSAGES} errors and as many warnings: a list of 50 people each missing every field would
     * otherwise answer with thousands; the first ones say what is wrong, the last one how many more there are.
     */
    static ValidationResult limited(ValidationResult result) {
        return ValidationResult.of(cut(result.errors()), cut(result.warnings()));
    }

    private static List<FieldMessage> cut(List<FieldMessage> messages) {
        if (messages.size() <= MAX_MESSAGES) {
            return messages;
        }
        List<FieldMessage> first = new java.util.ArrayList<>(messages.subList(0, MAX_MESSAGES));
        first.add(new FieldMessage("*", "and " + (messages.size() - MAX_MESSAGES) + " more like these"));
        return first;
    }

    /** Everything a submission needs: every step, with paths prefixed by the step, and the cross-step rules. */
    public ValidationResult validateAll(Definition definition, Map<String, JsonNode> data) {
        return limited(validator.validateAll(definition, data));
    }

    public Step requireStep(Definition definition, String stepId) {
        return definition
                .step(stepId)
                .orElseThrow(() -> new ProblemException(
                        ProblemType.NOT_FOUND,
                        "Step '" + stepId + "' is not part of " + definition.country() + "/" + definition.type() + " v"
                                + definition.version(),
                        List.of(new FieldError(
                                "step",
                                "must be one of "
                                        + definition.steps().stream()
                                                .map(Step::id)
                                                .toList()))));
    }
}
