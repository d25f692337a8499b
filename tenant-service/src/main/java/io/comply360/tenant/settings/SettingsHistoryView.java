package io.comply360.tenant.settings;

import java.time.Instant;
import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** One saved version of the settings as tenant admins read the history: who, when, which fields, what they became. */
@RegisterForReflection // sent inside a Page through an untyped Response
public record SettingsHistoryView(
        long version, Instant changedAt, String changedBy, List<String> changedFields, SettingsView settings) {

    static SettingsHistoryView of(SettingsChange change) {
        return new SettingsHistoryView(
                change.version, change.changedAt, change.changedBy, List.of(change.changedFields), change.snapshot);
    }
}
