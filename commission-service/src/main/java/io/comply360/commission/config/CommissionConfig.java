package io.comply360.commission.config;

import java.time.Duration;
import java.time.ZoneId;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** commission-service's settings ({@code comply360.commission.*}); the README lists them with their defaults. */
@ConfigMapping(prefix = "comply360.commission")
public interface CommissionConfig {

    /** The zone whose calendar days commissions count in (registered on, months, period ends). */
    @WithDefault("Africa/Johannesburg")
    ZoneId zone();

    Odoo odoo();

    interface Odoo {

        /** AES-256 key (base64 of 32 bytes) that encrypts agencies' Odoo API keys at rest. */
        String masterKey();

        /** Whether an agency's Odoo may be on a private, loopback or link-local address (dev and tests only). */
        @WithDefault("false")
        boolean allowPrivateAddresses();

        /** Connect timeout of a call to Odoo. */
        @WithDefault("3S")
        Duration connectTimeout();

        /** Whole-call timeout of a call to Odoo (Odoo posts a bill in well under a second; a slow one is down). */
        @WithDefault("20S")
        Duration callTimeout();

        /** Largest answer read from Odoo. */
        @WithDefault("4194304")
        long maxResponseBytes();

        /** How often due sync jobs are looked for (wake-up messages make most run at once). */
        @WithDefault("10S")
        String pollEvery();

        /** How long a worker's claim on a job holds; a job whose claim expired was interrupted and runs again. */
        @WithDefault("5M")
        Duration claim();

        /** The first retry's delay; doubled per attempt up to {@link #maxBackoff()}, with jitter. */
        @WithDefault("15S")
        Duration firstBackoff();

        @WithDefault("30M")
        Duration maxBackoff();

        /** Attempts after which a fault of unknown kind stops the job (Odoo being down never does). */
        @WithDefault("8")
        int maxUnknownFaults();

        /** Consecutive failures to reach a tenant's Odoo that open its breaker. */
        @WithDefault("3")
        int breakerThreshold();

        /** How long an open breaker keeps a tenant's jobs from calling its Odoo before one probe. */
        @WithDefault("30S")
        Duration breakerOpen();

        /** How often an invoiced settlement's vendor bill is read for its payment state. */
        @WithDefault("1H")
        Duration paymentPoll();

        /** Threads calling agencies' Odoo servers (each call blocks one). */
        @WithDefault("4")
        int threads();
    }
}
