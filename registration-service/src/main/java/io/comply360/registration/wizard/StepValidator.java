package io.comply360.registration.wizard;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.ExecutionContext;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import io.comply360.registration.wizard.formats.DomainFormats;
import io.comply360.registration.wizard.rules.RuleContext;
import io.comply360.registration.wizard.rules.Rules;
import io.comply360.registration.wizard.rules.VatThresholds;

/**
 * Validates wizard data against a definition: each step's JSON Schema (2020-12, with our formats asserted) and
 * rules, and at submit the definition's cross-step rules. Shared across threads: compiled schemas are cached per
 * definition version and step (a published version is never edited), everything else is per call.
 */
public final class StepValidator {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private record SchemaKey(String country, String type, int version, String step) {}

    private record Compiled(JsonNode source, JsonSchema schema) {}

    private final Clock clock;
    private final Map<String, String> settings;
    private final WorkingDays workingDays;
    private final VatThresholds vatThresholds;
    private final JsonSchemaFactory factory;
    private final SchemaValidatorsConfig config;
    private final ConcurrentMap<SchemaKey, Compiled> schemas = new ConcurrentHashMap<>();

    public StepValidator(Clock clock, Map<String, String> settings, WorkingDays workingDays) {
        this.clock = clock;
        this.settings = Map.copyOf(settings);
        this.workingDays = workingDays;
        this.vatThresholds = VatThresholds.fromClasspath();
        // The 2020-12 meta-schema under its own URI, so definitions declare the standard "$schema", plus our formats.
        JsonMetaSchema metaSchema = JsonMetaSchema.builder(JsonMetaSchema.getV202012())
                .formats(
                        DomainFormats.all(clock).stream().map(SchemaFormat::new).toList())
                .build();
        this.factory = JsonSchemaFactory.getInstance(
                SpecVersion.VersionFlag.V202012, builder -> builder.metaSchema(metaSchema));
        this.config =
                SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    }

    /** One step's data; errors and warnings with paths like directors[0].idNumber (relative to the step). */
    public ValidationResult validateStep(Definition definition, String stepId, JsonNode stepData) {
        Step step = definition
                .step(stepId)
                .orElseThrow(() -> new IllegalArgumentException(definition.key() + " has no step " + stepId));
        JsonNode data = stepData == null || stepData.isMissingNode() ? NODES.objectNode() : stepData;
        List<FieldMessage> errors = new ArrayList<>();
        List<FieldMessage> warnings = new ArrayList<>();
        FormatWarnings[] formatWarnings = new FormatWarnings[1];
        Set<ValidationMessage> messages = compiled(definition, step)
                .validate(data, (ExecutionContext context) -> formatWarnings[0] = FormatWarnings.installIn(context));
        for (ValidationMessage message : messages) {
            FieldMessage error = SchemaMessages.of(message);
            if (!errors.contains(error)) {
                errors.add(error);
            }
        }
        warnings.addAll(formatWarnings[0].list());
        RuleContext rules = runRules(step.rules(), data);
        errors.addAll(rules.errors());
        warnings.addAll(rules.warnings());
        return ValidationResult.of(errors, warnings);
    }

    /** Everything at submit: every step (paths prefixed "<stepId>.") plus the definition-level rules. */
    public ValidationResult validateAll(Definition definition, Map<String, JsonNode> data) {
        List<FieldMessage> errors = new ArrayList<>();
        List<FieldMessage> warnings = new ArrayList<>();
        ObjectNode all = NODES.objectNode();
        for (String key : data.keySet()) {
            if (definition.step(key).isEmpty()) {
                errors.add(new FieldMessage(key, "is not a step of " + definition.key()));
            }
        }
        for (Step step : definition.steps()) {
            JsonNode stepData = data.get(step.id());
            ValidationResult result = validateStep(definition, step.id(), stepData);
            result.errors().forEach(error -> errors.add(error.under(step.id())));
            result.warnings().forEach(warning -> warnings.add(warning.under(step.id())));
            all.set(step.id(), stepData == null ? NODES.objectNode() : stepData);
        }
        RuleContext rules = runRules(definition.rules(), all);
        errors.addAll(rules.errors());
        warnings.addAll(rules.warnings());
        return ValidationResult.of(errors, warnings);
    }

    private RuleContext runRules(List<RuleRef> refs, JsonNode data) {
        RuleContext context = new RuleContext(data, clock, settings, workingDays, vatThresholds);
        for (RuleRef ref : refs) {
            Rules.named(ref.name()).check(ref.params(), context);
        }
        return context;
    }

    private JsonSchema compiled(Definition definition, Step step) {
        SchemaKey key = new SchemaKey(definition.country(), definition.type(), definition.version(), step.id());
        Compiled cached = schemas.get(key);
        // A different schema under the same key only happens with hand-built definitions (tests): compile it anew.
        if (cached == null
                || (cached.source() != step.schema() && !cached.source().equals(step.schema()))) {
            cached = new Compiled(step.schema(), factory.getSchema(step.schema(), config));
            schemas.put(key, cached);
        }
        return cached.schema();
    }
}
