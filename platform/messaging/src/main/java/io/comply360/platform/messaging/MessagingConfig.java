package io.comply360.platform.messaging;

import java.time.Duration;
import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Broker connection and delivery settings ({@code comply360.messaging.*}); every value overridable by env. */
@ConfigMapping(prefix = "comply360.messaging")
public interface MessagingConfig {

    /** Off only for tools that must start without a broker; services keep it on. */
    @WithDefault("true")
    boolean enabled();

    @WithDefault("127.0.0.1")
    String host();

    @WithDefault("5672")
    int port();

    String username();

    String password();

    @WithDefault("comply360")
    String vhost();

    /** RabbitMQ management API, for policies and queue depths. */
    @WithDefault("http://127.0.0.1:15672")
    String managementUrl();

    /** Delays of the retry steps; after the last, a failing message goes to its DLQ. */
    @WithDefault("10S,1M,10M")
    List<Duration> retryDelays();

    /** How long dead letters are kept before they expire (data protection). */
    @WithDefault("P14D")
    Duration deadLetterTtl();

    /**
     * Processed events are remembered in the inbox this long, then deleted. It must outlast a dead letter (the
     * retry steps plus {@link #deadLetterTtl()}): a replayed dead letter of an event already applied is only
     * recognised as a duplicate while its inbox row exists. Startup fails otherwise.
     */
    @WithDefault("P30D")
    Duration keepInbox();

    /** Unacknowledged deliveries per consumer. */
    @WithDefault("10")
    int prefetch();

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
    }
}
