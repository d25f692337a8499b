package io.comply360.registration.config;

import java.time.Duration;
import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "comply360.registration")
public interface RegistrationConfig {

    /**
     * Settings the wizards' rules read by name, for facts that are not settled enough to be data (e.g.
     * {@code "zw.private-company.min-directors"}: Zimbabwe's minimum of directors under COBE is unconfirmed).
     */
    Map<String, String> ruleSettings();

    /** How long a tenant's stored SLA settings serve before tenant-service is asked again (events refresh sooner). */
    @WithDefault("1h")
    Duration profileMaxAge();

    /** How often the SLA scanner runs (read by its {@code @Scheduled}): a duration, or {@code off}. */
    @WithDefault("30s")
    String slaScanEvery();

    /** How many filings past their due time the SLA scanner handles per run. */
    @WithDefault("200")
    int slaScanBatch();
}
