package io.comply360.commission.odoo;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The agency's Odoo settings as tenant admins see them: never the API key, only whether one is set. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OdooSettingsView(
        String url,
        String database,
        String login,
        boolean apiKeySet,
        boolean enabled,
        String configurationError,
        Instant breakerOpenUntil,
        String updatedBy,
        Instant updatedAt) {

    static OdooSettingsView of(OdooSettings s, Instant breakerOpenUntil) {
        return new OdooSettingsView(
                s.url,
                s.database,
                s.login,
                s.apiKeyCipher != null,
                s.enabled,
                s.configurationError,
                breakerOpenUntil,
                s.updatedBy,
                s.updatedAt);
    }
}
