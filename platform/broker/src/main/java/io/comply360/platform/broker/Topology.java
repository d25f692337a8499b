package io.comply360.platform.broker;

import java.time.Duration;
import java.util.List;

import io.comply360.platform.broker.internal.TopologyApplier;

/**
 * The shared part of Comply360's RabbitMQ topology (docs/architecture.md → Events): the exchanges and the
 * mechanics every queue gets. Every service applies it, idempotently, when it first reaches the broker, together
 * with the queues it consumes, which it declares itself as {@link QueueSpec} beans.
 *
 * <ul>
 * <li>the event exchanges (topic), each with alternate exchange {@value #UNROUTED} (a policy), so an event no
 * queue is bound for lands in queue {@value #UNROUTED} instead of being dropped;</li>
 * <li>each consumer queue {@code <service>.<purpose>} ({@link QueueSpec}) with its bindings, declared by the
 * service that consumes it before its consumer ever runs;</li>
 * <li>per retry step a direct exchange {@code comply360.retry.<delay>} and per queue a retry queue
 * {@code <queue>.retry.<delay>} whose TTL (a policy) dead-letters back through {@value #RETRY_RETURN} to the
 * queue;</li>
 * <li>per queue a dead-letter queue {@code <queue>.dlq}, whose messages expire (a policy);</li>
 * <li>per work queue a delivery limit (a policy): a message handed back more often goes to its DLQ.</li>
 * </ul>
 * Every queue is a quorum queue, replicated across the broker's nodes (see {@link TopologyApplier}); TTLs,
 * dead-lettering and limits are policies, which can change on live queues.
 */
public final class Topology {

    public static final String UNROUTED = "comply360.unrouted";
    public static final String RETRY_EXCHANGE_PREFIX = "comply360.retry.";
    public static final String RETRY_RETURN = "comply360.retry-return";

    public static final String TENANT_EVENTS = "tenant.events";
    public static final String REGISTRATION_EVENTS = "registration.events";
    public static final String DOCUMENT_PROCESSING = "document.processing";
    public static final String COMMISSION_EVENTS = "commission.events";
    public static final String INTEGRATION_SYNC = "integration.sync";
    public static final String NOTIFICATION_EVENTS = "notification.events";

    public static final List<String> EXCHANGES = List.of(
            TENANT_EVENTS,
            REGISTRATION_EVENTS,
            DOCUMENT_PROCESSING,
            COMMISSION_EVENTS,
            INTEGRATION_SYNC,
            NOTIFICATION_EVENTS);

    private Topology() {}

    public static String retryExchange(Duration delay) {
        return RETRY_EXCHANGE_PREFIX + label(delay);
    }

    /** {@code 10s}, {@code 1m}, {@code 2h}: the delay as it appears in queue and exchange names. */
    public static String label(Duration delay) {
        long seconds = delay.toSeconds();
        if (seconds % 3600 == 0) {
            return seconds / 3600 + "h";
        }
        if (seconds % 60 == 0) {
            return seconds / 60 + "m";
        }
        return seconds + "s";
    }
}
