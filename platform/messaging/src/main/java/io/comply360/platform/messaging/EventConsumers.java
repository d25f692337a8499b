package io.comply360.platform.messaging;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

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

import io.comply360.platform.data.TenantTransactions;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;

/**
 * Runs every {@link EventHandler} bean on its queue. A delivery is parsed and checked, then applied in one
 * transaction together with its inbox claim (a duplicate is acknowledged without effect) and acknowledged
 * after commit. On failure the message is republished, with publisher confirms, to the next retry step
 * (growing delays) or, after the last step or for a permanent error, to the queue's DLQ with the error; only
 * then is the delivery acknowledged. A consumer that dies mid-effect leaves the delivery unacknowledged and its
 * transaction rolled back: the broker redelivers it.
 */
@ApplicationScoped
public class EventConsumers {

    private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(10);

    private final Broker broker;
    private final BrokerRetries retries;
    private final Instance<EventHandler> handlers;
    private final TenantTransactions tx;
    private final Inbox inbox;
    private final ObjectMapper json;
    private final MessagingConfig config;
    private final MeterRegistry metrics;

    public EventConsumers(Broker broker, BrokerRetries retries, Instance<EventHandler> handlers, TenantTransactions tx,
            Inbox inbox, ObjectMapper json, MessagingConfig config, MeterRegistry metrics) {
        this.broker = broker;
        this.retries = retries;
        this.handlers = handlers;
        this.tx = tx;
        this.inbox = inbox;
        this.json = json;
        this.config = config;
        this.metrics = metrics;
    }

    void start(@Observes StartupEvent event) {
        if (config.enabled()) {
            handlers.forEach(this::subscribe);
        }
    }

    /**
     * Consumes {@code handler}'s queue once the broker is reachable. A subscription the broker refuses (the
     * queue missing because the topology failed, in exclusive use, a channel error) is tried again until it
     * holds, rather than leaving the consumer off until a restart; once it holds, the client's automatic
     * recovery restores it after every reconnect.
     */
    void subscribe(EventHandler handler) {
        broker.whenConnected(connection -> retries.now("consume " + handler.queue(), () -> consume(connection, handler)));
    }

    private void consume(Connection connection, EventHandler handler) throws IOException {
        Channel deliveries = connection.createChannel();
        Channel republish = null;
        try {
            republish = connection.createChannel();
            republish.confirmSelect();
            deliveries.basicQos(config.prefetch());
            startConsumer(handler, deliveries, republish);
        } catch (IOException | RuntimeException e) {
            // A refused basicConsume closes its channel but not the republish one, which must not pile up per retry.
            discard(deliveries);
            discard(republish);
            throw e;
        }
        Log.infof("Consuming %s", handler.queue());
    }

    private void startConsumer(EventHandler handler, Channel deliveries, Channel republish) throws IOException {
        deliveries.basicConsume(handler.queue(), false, new DefaultConsumer(deliveries) {
            @Override
            public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body)
                    throws IOException {
                deliver(handler, deliveries, republish, envelope, properties, body);
            }
        });
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

    private void deliver(EventHandler handler, Channel deliveries, Channel republish, Envelope envelope,
            AMQP.BasicProperties properties, byte[] body) throws IOException {
        String queue = handler.queue();
        try {
            CloudEvent event = parse(body);
            UUID tenant = tenantOf(event);
            boolean applied = VertxContextSupport.subscribeAndAwait(() -> transaction(tenant,
                    () -> inbox.claim(queue, event.id(), tenant).call(isNew -> isNew
                            ? handler.handle(event)
                            : Uni.createFrom().voidItem())));
            deliveries.basicAck(envelope.getDeliveryTag(), false);
            count(queue, applied ? "processed" : "duplicate");
        } catch (Throwable failure) {
            Throwable cause = rootCause(failure);
            boolean permanent = cause instanceof PermanentEventException;
            int attempt = attemptOf(properties);
            List<Duration> delays = config.retryDelays();
            Map<String, Object> headers = new HashMap<>();
            copy(properties, headers, Headers.TENANT_ID);
            headers.put(Headers.ORIGINAL_EXCHANGE, originalOf(properties, Headers.ORIGINAL_EXCHANGE, envelope.getExchange()));
            headers.put(Headers.ORIGINAL_ROUTING_KEY,
                    originalOf(properties, Headers.ORIGINAL_ROUTING_KEY, envelope.getRoutingKey()));
            headers.put(Headers.ERROR, describe(cause));
            headers.put(Headers.ATTEMPT, attempt + 1);
            try {
                if (!permanent && attempt <= delays.size()) {
                    Duration delay = delays.get(attempt - 1);
                    Log.warnf("%s: event %s failed on attempt %d (%s); retrying in %s", queue,
                            properties.getMessageId(), attempt, describe(cause), Topology.label(delay));
                    republish.basicPublish(Topology.retryExchange(delay), queue, copyOf(properties, headers), body);
                    count(queue, "retried");
                } else {
                    headers.put(Headers.DEAD_LETTERED_AT, Instant.now().toString());
                    headers.put(Headers.ATTEMPT, attempt);
                    Log.errorf("%s: event %s dead-lettered after %d attempt(s): %s", queue, properties.getMessageId(),
                            attempt, describe(cause));
                    republish.basicPublish("", queue + ".dlq", copyOf(properties, headers), body);
                    count(queue, "dead_lettered");
                }
                republish.waitForConfirmsOrDie(PUBLISH_TIMEOUT.toMillis());
                deliveries.basicAck(envelope.getDeliveryTag(), false);
            } catch (IOException | TimeoutException | InterruptedException | ShutdownSignalException e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                Log.errorf("%s: could not move event %s to retry/DLQ (%s); it is redelivered", queue,
                        properties.getMessageId(), e.getMessage());
                if (deliveries.isOpen()) {
                    deliveries.basicNack(envelope.getDeliveryTag(), false, true);
                }
            }
        }
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

    private <T> Uni<T> transaction(UUID tenant, java.util.function.Supplier<Uni<T>> work) {
        return tenant == null ? tx.withoutTenant(work) : tx.inTenant(tenant, work);
    }

    static int attemptOf(AMQP.BasicProperties properties) {
        Object attempt = properties.getHeaders() == null ? null : properties.getHeaders().get(Headers.ATTEMPT);
        return attempt instanceof Number n ? n.intValue() : 1;
    }

    private static String originalOf(AMQP.BasicProperties properties, String header, String fallback) {
        Object value = properties.getHeaders() == null ? null : properties.getHeaders().get(header);
        return value == null ? fallback : value.toString();
    }

    private static void copy(AMQP.BasicProperties properties, Map<String, Object> headers, String name) {
        if (properties.getHeaders() != null && properties.getHeaders().get(name) != null) {
            headers.put(name, properties.getHeaders().get(name).toString());
        }
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
        metrics.counter("comply360.events.consumed", "queue", queue, "outcome", outcome).increment();
    }
}
