package io.comply360.notification.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** notification-service's settings ({@code comply360.notification.*}); the README lists them with their defaults. */
@ConfigMapping(prefix = "comply360.notification")
public interface NotificationConfig {

    /**
     * The portal's address for a tenant, {@code {slug}} replaced by its slug (links in messages), e.g.
     * {@code https://{slug}.comply360.example}.
     */
    @WithDefault("http://{slug}.localhost:8080")
    String portalUrl();

    /** Where providers reach this service from the internet (the gateway's public host): delivery callbacks. */
    @WithDefault("http://localhost:8080")
    String publicUrl();

    Email email();

    Sms sms();

    /** How often SMS held back by quiet hours are looked at ({@code off} in tests, which release them by hand). */
    @WithDefault("30s")
    String deferredEvery();

    /** How often due digests are looked for ({@code off} in tests). */
    @WithDefault("60s")
    String digestEvery();

    /** How far ahead a tenant admin's digest warns of SLA due times. */
    @WithDefault("24")
    int digestWarnWithinHours();

    interface Email {

        /** The sender of every e-mail; the agency's name is its display name. */
        @WithDefault("notifications@comply360.test")
        String from();

        /** Whole-call timeout of handing one e-mail to the SMTP server. */
        @WithDefault("20S")
        Duration timeout();
    }

    interface Sms {

        /** The provider tried first (Twilio's Messages API or one that speaks it). */
        Provider primary();

        /** The provider that takes over once the primary failed {@link #primaryAttempts()} times or is down. */
        Optional<Provider> fallback();

        /** Attempts on the primary provider before the fallback takes over. */
        @WithDefault("2")
        int primaryAttempts();

        /** Whole-call timeout of one request to a provider. */
        @WithDefault("10S")
        Duration timeout();
    }

    interface Provider {

        /** Its name in the delivery log and in its callback URL ([a-z0-9-]). */
        String name();

        /** Base URL of its API, e.g. https://api.twilio.com. */
        String url();

        String accountSid();

        /** Signs requests (basic auth) and its callbacks (X-Twilio-Signature). */
        String authToken();

        /** The sender number (E.164) or alphanumeric sender id. */
        String from();
    }
}
