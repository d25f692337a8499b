package io.comply360.platform.broker.internal;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.ShutdownSignalException;

import io.comply360.platform.broker.CloudEvent;
import io.comply360.platform.broker.EventHandler;
import io.comply360.platform.broker.PermanentEventException;
import io.comply360.platform.broker.Topology;
import io.comply360.platform.broker.internal.ConfirmingPublisher.Outcome;
import io.comply360.platform.broker.internal.ConfirmingPublisher.Outgoing;
import io.comply360.platform.concurrent.Deadlines;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * Runs every {@link EventHandler} bean on its queue. A delivery is parsed and checked, then applied: a
 * transactional handler through {@link TransactionalDelivery} (one transaction with the inbox claim; a duplicate
 * is acknowledged without effect), a non-transactional one directly; either is bounded by
 * {@code comply360.messaging.handler-timeout}. The delivery is acknowledged after that. On failure the message is
 * republished, with publisher confirms on the publishing connection, to the next retry step (growing delays) or,
 * after the last step or for a permanent error, to the queue's DLQ with the error; only then is the delivery
 * acknowledged. If that move fails (the broker refuses it, or is away), the delivery is handed back to the queue
 * after a pause that grows with each consecutive failure, never at once: a failed move must not become a loop
 * that redelivers and fails as fast as the broker can. A consumer that dies mid-effect leaves the delivery
 * unacknowledged and its transaction rolled back: the broker redelivers it, counting it against the queue's
 * delivery limit; past the limit the broker itself moves it to the DLQ. A handed-back delivery is applied apart
 * from fresh ones, after the others handed back with it (see {@code applyHeldBack}).
 */
@ApplicationScoped
public class EventConsumers {

    private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration FIRST_REQUEUE_PAUSE = Duration.ofSeconds(1);
    private static final Duration LONGEST_REQUEUE_PAUSE = Duration.ofSeconds(30);
    /** How long handed-back deliveries are gathered before they are applied: they come back in one burst. */
    private static final Duration GATHER_RETURNS = Duration.ofMillis(300);

    private final Broker broker;
    private final BrokerRetries retries;
    private final Instance<EventHandler> handlers;
    private final Instance<TransactionalDelivery> transactional;
    private final ObjectMapper json;
    private final BrokerConfig config;
    private final MeterRegistry metrics;
    private final Vertx vertx;
    private final ScheduledExecutorService requeues = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "event-requeues");
        thread.setDaemon(true);
        return thread;
    });
    /** Each queue's lane for handed-back deliveries (created on first use), stopped with the service. */
    private final List<ScheduledExecutorService> returnsLanes = new CopyOnWriteArrayList<>();

    private volatile boolean stopping;

    public EventConsumers(
            Broker broker,
            BrokerRetries retries,
            Instance<EventHandler> handlers,
            Instance<TransactionalDelivery> transactional,
            ObjectMapper json,
            BrokerConfig config,
            MeterRegistry metrics,
            Vertx vertx) {
        this.broker = broker;
        this.retries = retries;
        this.handlers = handlers;
        this.transactional = transactional;
        this.json = json;
        this.config = config;
        this.metrics = metrics;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent event) {
        List<EventHandler> all = handlers.stream().toList();
        requireDelivery(all, transactional.isResolvable());
        if (config.enabled()) {
            all.forEach(this::subscribe);
        }
    }

    /**
     * Refuses transactional handlers where nothing can give them their transaction and inbox: an application
     * without platform-messaging (no database) must declare its handlers non-transactional.
     */
    static void requireDelivery(List<EventHandler> handlers, boolean transactionalDeliveryPresent) {
        if (transactionalDeliveryPresent) {
            return;
        }
        List<String> transactionalQueues = handlers.stream()
                .filter(EventHandler::transactional)
                .map(EventHandler::queue)
                .toList();
        if (!transactionalQueues.isEmpty()) {
            throw new IllegalStateException("The handlers of " + transactionalQueues + " are transactional, but this "
                    + "application has no TransactionalDelivery (platform-messaging, with a database): depend on "
                    + "platform-messaging, or make them non-transactional (EventHandler.transactional() = false)");
        }
    }

    /**
     * Consumes {@code handler}'s queue once the broker is reachable; beans are subscribed at startup, this starts a
     * handler that is not one. A subscription the broker refuses (the queue missing because the topology failed,
     * in exclusive use, a channel error) is tried again until it holds, rather than leaving the consumer off until
     * a restart; once it holds, the client's automatic recovery restores it after every reconnect.
     */
    public void subscribe(EventHandler handler) {
        requireDelivery(List.of(handler), transactional.isResolvable());
        int consumers = Math.max(1, handler.consumers());
        for (int i = 1; i <= consumers; i++) {
            String what = "consume " + handler.queue() + (consumers > 1 ? " (" + i + " of " + consumers + ")" : "");
            broker.whenConnected(connection -> retries.now(what, () -> consume(connection, handler)));
        }
    }

    private void consume(Connection connection, EventHandler handler) throws IOException {
        Channel deliveries = connection.createChannel();
        try {
            deliveries.basicQos(config.prefetch());
            deliveries.basicConsume(handler.queue(), false, new QueueConsumer(handler, deliveries));
        } catch (IOException | RuntimeException e) {
            discard(deliveries);
            throw e;
        }
        Log.infof("Consuming %s", handler.queue());
    }

    private static void discard(Channel channel) {
        if (channel != null && channel.isOpen()) {
            try {
                channel.abort();
            } catch (IOException e) {
                Log.debug("Discarding a channel failed", e);
            }
        }
    }

    /** One handler's subscription: its deliveries channel, its own publisher for moves, its run of failed moves. */
    private final class QueueConsumer extends DefaultConsumer {

        private final EventHandler handler;
        private final ConfirmingPublisher moves = new ConfirmingPublisher(broker);
        private final AtomicInteger failedMoves = new AtomicInteger();
        private final AtomicLong received = new AtomicLong();
        private final List<Delivery> heldBack = new ArrayList<>();
        private boolean drainingHeldBack;
        /** This queue's own lane for handed-back deliveries (a hanging one holds up no other queue). */
        private ScheduledExecutorService returnsLane;
        /**
         * Bumped whenever the subscription is (re)established: deliveries held back before a reconnect have been
         * handed back by the broker already (their tags are dead), and must not be applied a second time.
         */
        private volatile long subscription;

        QueueConsumer(EventHandler handler, Channel deliveries) {
            super(deliveries);
            this.handler = handler;
        }

        @Override
        public void handleConsumeOk(String consumerTag) {
            super.handleConsumeOk(consumerTag);
            subscription++;
        }

        @Override
        public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
            if (returnsOf(properties) > 0) {
                holdBack(new Delivery(envelope, properties, body, received.incrementAndGet(), subscription));
                return;
            }
            process(envelope, properties, body);
        }

        /**
         * Keeps a handed-back delivery out of the way of fresh ones: applied a moment later, off the delivery
         * thread. See {@link #applyHeldBack()}.
         */
        private void holdBack(Delivery delivery) {
            synchronized (heldBack) {
                heldBack.add(delivery);
                if (drainingHeldBack) {
                    return;
                }
                drainingHeldBack = true;
            }
            try {
                lane().schedule(this::applyHeldBack, GATHER_RETURNS.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException stopping) {
                Log.debugf("%s: not applying a handed-back delivery: the service is stopping", handler.queue());
            }
        }

        private synchronized ScheduledExecutorService lane() {
            if (returnsLane == null) {
                returnsLane = Executors.newSingleThreadScheduledExecutor(task -> {
                    Thread thread = new Thread(task, "event-returns-" + handler.queue());
                    thread.setDaemon(true);
                    return thread;
                });
                returnsLanes.add(returnsLane);
                if (stopping) {
                    returnsLane.shutdownNow();
                }
            }
            return returnsLane;
        }

        /**
         * Applies the handed-back deliveries gathered meanwhile, one at a time: those handed back least often first
         * and, among equals, the last received first. When a consumer dies, everything it held unacknowledged is
         * handed back together and counted against the delivery limit; the one it was applying (the likely cause)
         * comes back first. Applied in arrival order, that one would kill the next consumer again with the same
         * innocent neighbours held behind it, until all of them reached the limit; in this order the neighbours
         * are acknowledged before it, and only the culprit goes on to its limit and the DLQ.
         */
        private void applyHeldBack() {
            try {
                while (!stopping) {
                    List<Delivery> batch;
                    synchronized (heldBack) {
                        if (heldBack.isEmpty()) {
                            return;
                        }
                        batch = new ArrayList<>(heldBack);
                        heldBack.clear();
                    }
                    batch.sort(HANDED_BACK_ORDER);
                    for (Delivery delivery : batch) {
                        if (delivery.subscription() != subscription || stopping) {
                            continue;
                        }
                        try {
                            process(delivery.envelope(), delivery.properties(), delivery.body());
                        } catch (RuntimeException e) {
                            // Left unacknowledged: the broker hands it back when the channel closes.
                            Log.errorf(e, "%s: a handed-back delivery could not be processed", handler.queue());
                        }
                    }
                }
            } finally {
                synchronized (heldBack) {
                    drainingHeldBack = false;
                    if (!heldBack.isEmpty() && !stopping) {
                        // Left by a failure above: drain again (not from here: this task is ending).
                        try {
                            lane().execute(this::applyHeldBack);
                            drainingHeldBack = true;
                        } catch (RejectedExecutionException alreadyStopping) {
                            Log.debugf(
                                    "%s: not applying handed-back deliveries: the service is stopping",
                                    handler.queue());
                        }
                    }
                }
            }
        }

        private void process(Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
            Boolean applied;
            try {
                CloudEvent event = parse(body);
                UUID tenant = tenantOf(event);
                applied = VertxContextSupport.subscribeAndAwait(() -> apply(event, tenant));
            } catch (Throwable failure) {
                if (stopping) {
                    // Interrupted by the shutdown, not failed: left unacknowledged, the broker hands it back.
                    return;
                }
                moveOn(envelope, properties, body, failure);
                return;
            }
            acknowledge(envelope);
            count(handler.queue(), Boolean.TRUE.equals(applied) ? "processed" : "duplicate");
        }

        private Uni<Boolean> apply(CloudEvent event, UUID tenant) {
            if (!handler.transactional()) {
                return bounded(event).replaceWith(Boolean.TRUE);
            }
            return transactional.get().apply(handler.queue(), event, tenant, () -> bounded(event));
        }

        /**
         * The handler's work, failed with {@link HandlerTimeoutException} if it has not completed in time. The timer
         * runs on the delivery's Vert.x context, so what follows the failure (a rollback) runs where it must.
         */
        private Uni<Void> bounded(CloudEvent event) {
            return Deadlines.within(
                    vertx,
                    Uni.createFrom().deferred(() -> handler.handle(event)),
                    config.handlerTimeout(),
                    () -> new HandlerTimeoutException(handler.queue(), config.handlerTimeout()));
        }

        private void acknowledge(Envelope envelope) {
            try {
                getChannel().basicAck(envelope.getDeliveryTag(), false);
            } catch (IOException | ShutdownSignalException e) {
                // The broker redelivers it; the inbox (or the handler's own state) makes that harmless.
                Log.debugf("%s: could not acknowledge a delivery (%s)", handler.queue(), e.getMessage());
            }
        }

        private void moveOn(Envelope envelope, AMQP.BasicProperties properties, byte[] body, Throwable failure) {
            String queue = handler.queue();
            Throwable cause = rootCause(failure);
            boolean permanent = cause instanceof PermanentEventException;
            int attempt = attemptOf(properties);
            List<Duration> delays = config.retryDelays();
            Map<String, Object> headers = carriedHeaders(properties, envelope.getExchange(), envelope.getRoutingKey());
            headers.put(Headers.ERROR, describe(cause));
            Outgoing move;
            String outcome;
            if (!permanent && attempt <= delays.size()) {
                Duration delay = delays.get(attempt - 1);
                headers.put(Headers.ATTEMPT, attempt + 1);
                Log.warnf(
                        "%s: event %s failed on attempt %d (%s); retrying in %s",
                        queue, properties.getMessageId(), attempt, describe(cause), Topology.label(delay));
                move = new Outgoing(Topology.retryExchange(delay), queue, copyOf(properties, headers), body);
                outcome = "retried";
            } else {
                headers.put(Headers.ATTEMPT, attempt);
                headers.put(Headers.DEAD_LETTERED_AT, Instant.now().toString());
                Log.errorf(
                        "%s: event %s dead-lettered after %d attempt(s): %s",
                        queue, properties.getMessageId(), attempt, describe(cause));
                move = new Outgoing("", queue + ".dlq", copyOf(properties, headers), body);
                outcome = "dead_lettered";
            }
            Outcome moved = moves.publish(List.of(move), PUBLISH_TIMEOUT).get(0);
            if (moved.confirmed()) {
                failedMoves.set(0);
                acknowledge(envelope);
                count(queue, outcome);
                return;
            }
            Duration pause = requeuePause(failedMoves.incrementAndGet());
            Log.errorf(
                    "%s: could not move event %s to retry/DLQ (%s); it goes back to the queue in %d ms",
                    queue, properties.getMessageId(), moved.reason(), pause.toMillis());
            count(queue, "requeued");
            requeueLater(envelope.getDeliveryTag(), pause);
        }

        /**
         * Hands the delivery back to the queue after {@code pause}, holding its prefetch slot meanwhile, so failing
         * moves slow the consumer down instead of spinning. A delivery of a channel that closed in between went
         * back to the queue already (the client ignores its stale tag after a recovery).
         */
        private void requeueLater(long deliveryTag, Duration pause) {
            Channel deliveries = getChannel();
            try {
                requeues.schedule(
                        () -> {
                            try {
                                if (deliveries.isOpen()) {
                                    deliveries.basicNack(deliveryTag, false, true);
                                }
                            } catch (IOException | ShutdownSignalException e) {
                                Log.debugf("%s: could not hand a delivery back (%s)", handler.queue(), e.getMessage());
                            }
                        },
                        pause.toMillis(),
                        TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException stopping) {
                Log.debugf("%s: not handing a delivery back: the service is stopping", handler.queue());
            }
        }
    }

    /** A delivery held back for {@code applyHeldBack}; {@code sequence} orders arrivals. */
    record Delivery(
            Envelope envelope, AMQP.BasicProperties properties, byte[] body, long sequence, long subscription) {}

    /** The order handed-back deliveries are applied in: the least handed back first; among equals, the last received. */
    static final Comparator<Delivery> HANDED_BACK_ORDER = Comparator.comparingLong(
                    (Delivery d) -> returnsOf(d.properties()))
            .thenComparing(Comparator.comparingLong(Delivery::sequence).reversed());

    /**
     * How often the queue has handed this message back before (RabbitMQ's {@code x-delivery-count} of a quorum
     * queue; 0 on a first delivery, after every retry step and on queues that do not count).
     */
    static long returnsOf(AMQP.BasicProperties properties) {
        Object count =
                properties.getHeaders() == null ? null : properties.getHeaders().get("x-delivery-count");
        return count instanceof Number n ? n.longValue() : 0;
    }

    /** 1 s after the first failed move in a row, doubling up to 30 s. */
    static Duration requeuePause(int failedInARow) {
        return Pause.doubling(FIRST_REQUEUE_PAUSE, LONGEST_REQUEUE_PAUSE, failedInARow);
    }

    private CloudEvent parse(byte[] body) {
        try {
            CloudEvent event = json.readValue(body, CloudEvent.class);
            event.requireWellFormed();
            return event;
        } catch (IOException e) {
            throw new PermanentEventException("Not a CloudEvent JSON document: " + e.getMessage());
        }
    }

    private static UUID tenantOf(CloudEvent event) {
        if (event.tenantid() == null) {
            return null;
        }
        try {
            return UUID.fromString(event.tenantid());
        } catch (IllegalArgumentException e) {
            throw new PermanentEventException("tenantid is not a UUID: " + event.tenantid());
        }
    }

    static int attemptOf(AMQP.BasicProperties properties) {
        Object attempt =
                properties.getHeaders() == null ? null : properties.getHeaders().get(Headers.ATTEMPT);
        return attempt instanceof Number n ? Math.max(1, n.intValue()) : 1;
    }

    /** Header {@code name} of the message as text, or {@code fallback} when it has none. */
    static String headerText(AMQP.BasicProperties properties, String name, String fallback) {
        Object value =
                properties.getHeaders() == null ? null : properties.getHeaders().get(name);
        return value == null ? fallback : value.toString();
    }

    /**
     * The headers a message keeps wherever it is moved (retry, DLQ, replay): its tenant and where it was first
     * published ({@code exchange} and {@code routingKey} when it does not say).
     */
    static Map<String, Object> carriedHeaders(AMQP.BasicProperties properties, String exchange, String routingKey) {
        Map<String, Object> headers = new HashMap<>();
        String tenant = headerText(properties, Headers.TENANT_ID, null);
        if (tenant != null) {
            headers.put(Headers.TENANT_ID, tenant);
        }
        headers.put(Headers.ORIGINAL_EXCHANGE, headerText(properties, Headers.ORIGINAL_EXCHANGE, exchange));
        headers.put(Headers.ORIGINAL_ROUTING_KEY, headerText(properties, Headers.ORIGINAL_ROUTING_KEY, routingKey));
        return headers;
    }

    /** The same message with fresh headers: x-death and the like are not carried over. */
    static AMQP.BasicProperties copyOf(AMQP.BasicProperties properties, Map<String, Object> headers) {
        return new AMQP.BasicProperties.Builder()
                .messageId(properties.getMessageId())
                .type(properties.getType())
                .contentType(properties.getContentType())
                .deliveryMode(2)
                .headers(headers)
                .build();
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause && !(cause instanceof PermanentEventException)) {
            cause = cause.getCause();
        }
        return cause instanceof JacksonException ? new PermanentEventException(cause.getMessage()) : cause;
    }

    private static String describe(Throwable cause) {
        String text = cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
        return text.length() > 1000 ? text.substring(0, 1000) : text;
    }

    private void count(String queue, String outcome) {
        metrics.counter("comply360.events.consumed", "queue", queue, "outcome", outcome)
                .increment();
    }

    @PreDestroy
    void stop() {
        stopping = true;
        requeues.shutdownNow();
        returnsLanes.forEach(ScheduledExecutorService::shutdownNow);
    }
}
