package io.comply360.platform.broker.internal;

import java.time.Duration;
import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Broker connection and delivery settings ({@code comply360.messaging.*}); every value overridable by env. The
 * outbox and inbox settings of platform-messaging share the prefix ({@code BrokerConfig}).
 */
@ConfigMapping(prefix = "comply360.messaging")
public interface BrokerConfig {

    /** Off only for tools that must start without a broker; services keep it on. */
    @WithDefault("true")
    boolean enabled();

    /**
     * The broker: one host, or the nodes of a cluster as {@code host[:port]} separated by commas (a node without
     * a port listens on {@link #port()}). A connection goes to one of them and, when that node is lost, recovers
     * to another.
     */
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
     * The broker's poison guard: how often a work queue's message may be handed back (its consumer died, lost
     * its connection, or could not move it on) before RabbitMQ moves it to the DLQ with reason
     * {@code delivery_limit}. The count starts again at every retry step, so this bounds the deliveries of one
     * attempt; the application's own retry steps are not counted against it.
     */
    @WithDefault("5")
    int deliveryLimit();

    /**
     * Whether an empty queue of ours found with the wrong type (a classic queue left by a release before quorum
     * queues) is deleted and declared anew when the service applies its topology. Off by default: a queue of the
     * wrong type stops the service, naming it. dev/up turns it on for its own vhost; an operator may turn it on
     * for one rollout (docs/messaging.md, "Quorum queues"). A queue holding messages is never touched.
     */
    @WithDefault("false")
    boolean recreateEmptyQueues();

    /** Unacknowledged deliveries per consumer. */
    @WithDefault("10")
    int prefetch();

    /**
     * Longest a handler may take for one delivery. A handler still running then has failed this attempt (its
     * transaction, if it has one, rolls back) and the delivery takes the retry path; the queue moves on.
     */
    @WithDefault("60S")
    Duration handlerTimeout();
}
