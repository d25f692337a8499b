package io.comply360.tenant.config;

import java.util.Map;

import io.smallrye.config.ConfigMapping;

/** What each tier may use. Every tier must be listed (application.properties); a missing one fails startup. */
@ConfigMapping(prefix = "comply360.tenant.quotas")
public interface QuotaConfig {

    Map<String, Limits> tiers();

    interface Limits {
        /** People with the agent role. */
        int agents();

        /** Registrations created per calendar month. */
        int registrationsPerMonth();

        /** Document storage, in bytes. */
        long storageBytes();
    }
}
