package io.comply360.platform.messaging.internal;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Outbox and inbox settings ({@code comply360.messaging.*}, beside the broker's own in {@code BrokerConfig});
 * every value overridable by env.
 */
@ConfigMapping(prefix = "comply360.messaging")
public interface MessagingConfig {

    /**
     * Processed events are remembered in the inbox this long, then deleted. It must outlast a dead letter (the
     * retry steps plus {@code dead-letter-ttl}): a replayed dead letter of an event already applied is only
     * recognised as a duplicate while its inbox row exists. Startup fails otherwise.
     */
    @WithDefault("P30D")
    Duration keepInbox();

    Relay relay();

    interface Relay {

        @WithDefault("true")
        boolean enabled();

        @WithDefault("100")
        int batchSize();

        /** A publish not confirmed within this time is treated as not sent (it is sent again later). */
        @WithDefault("10S")
        Duration confirmTimeout();

        /** Safety-net poll; normally the relay is woken by NOTIFY right after commit. */
        @WithDefault("5S")
        Duration pollInterval();

        /** Sent rows are deleted after this long. */
        @WithDefault("P7D")
        Duration keepSent();

        /**
         * Attempts the broker may refuse a row (a nack, its exchange missing) before the row is parked: left
         * aside with its error, not sent again until an operator retries it.
         */
        @WithDefault("10")
        int maxAttempts();

        /** Pause after a row's first refused attempt; it doubles with each further one, up to {@link #maxBackoff()}. */
        @WithDefault("1S")
        Duration backoff();

        @WithDefault("5M")
        Duration maxBackoff();
    }
}
