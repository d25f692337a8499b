package io.comply360.platform.broker.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ShutdownSignalException;

import io.quarkus.logging.Log;

/**
 * Publishes with publisher confirms on the broker's publishing connection and tells, message by message, what
 * the broker did with each. A call sends all its messages at once (pipelined) and then waits for their confirms,
 * matched by sequence number, so a batch costs one round trip and one bad message never hides the fate of the
 * others. Its one channel is reopened whenever it closed (a nack or a refused publish closes nothing here; the
 * broker closing the channel, a lost connection or a confirm timeout do). Not a bean: each user (the relay, each
 * consumer's retry path, a DLQ tool call) keeps its own; calls are serialised.
 */
public final class ConfirmingPublisher implements AutoCloseable {

    /** A message to publish. */
    public record Outgoing(String exchange, String routingKey, AMQP.BasicProperties properties, byte[] body) {}

    /** What became of a message. */
    public enum Kind {
        /** The broker took charge of it. */
        CONFIRMED,
        /** The broker refused it ({@code basic.nack}, e.g. a full queue that rejects publishes). */
        NACKED,
        /**
         * The broker closed the channel before confirming it: this message or one sent just before it on the
         * channel was refused (its exchange does not exist, access refused, too large). Sent alone, it is its own.
         */
        CHANNEL_CLOSED,
        /** Unknown: no confirm in time, or no connection. It may have arrived; the broker is away, not the message. */
        UNKNOWN
    }

    /** The fate of one message, with the broker's reason when it was refused or unknown. */
    public record Outcome(Kind kind, String reason) {

        public boolean confirmed() {
            return kind == Kind.CONFIRMED;
        }
    }

    private static final Outcome CONFIRMED = new Outcome(Kind.CONFIRMED, null);
    private static final Outcome NACKED = new Outcome(Kind.NACKED, "nacked by the broker");

    private final Broker broker;
    private volatile Channel channel;
    private volatile boolean broken;
    private volatile Round round;

    public ConfirmingPublisher(Broker broker) {
        this.broker = broker;
    }

    /** Publishes {@code messages} and waits up to {@code timeout} for their confirms; one outcome per message, in order. */
    public synchronized List<Outcome> publish(List<Outgoing> messages, Duration timeout) {
        Round current = new Round(messages.size());
        String blocked = broker.publishingBlocked();
        if (blocked != null) {
            return current.outcomes(null, "RabbitMQ blocks publishing: " + blocked);
        }
        Channel open;
        try {
            open = channel();
        } catch (IOException | RuntimeException e) {
            return current.outcomes(null, "no channel to RabbitMQ: " + e.getMessage());
        }
        round = current;
        for (int i = 0; i < messages.size(); i++) {
            Outgoing message = messages.get(i);
            long sequence = open.getNextPublishSeqNo();
            current.sending(sequence, i);
            try {
                open.basicPublish(message.exchange(), message.routingKey(), message.properties(), message.body());
            } catch (IOException | ShutdownSignalException e) {
                // The channel is gone; this and the rest were not sent and are resolved from its close reason.
                current.notSent(sequence);
                if (open.getCloseReason() != null) {
                    current.closed(open.getCloseReason());
                }
                break;
            }
        }
        boolean settled;
        try {
            settled = current.await(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            settled = false;
        }
        round = null;
        if (!settled) {
            // Confirms still outstanding must not count for later messages, and a broker that does not confirm in
            // time is blocked or gone: start over on a fresh channel.
            discard();
            return current.outcomes(null, "no confirm within " + timeout.toMillis() + " ms");
        }
        ShutdownSignalException closedBy = current.closedBy();
        return current.outcomes(closedBy != null ? closedBy : open.getCloseReason(), null);
    }

    private Channel channel() throws IOException {
        Channel current = channel;
        if (current != null && current.isOpen() && !broken) {
            return current;
        }
        discard();
        Channel opened = broker.confirmChannel();
        opened.addConfirmListener(
                (sequence, multiple) -> report(opened, sequence, multiple, CONFIRMED),
                (sequence, multiple) -> report(opened, sequence, multiple, NACKED));
        opened.addShutdownListener(cause -> {
            if (channel == opened) {
                broken = true;
                Round waiting = round;
                if (waiting != null) {
                    waiting.closed(cause);
                }
            }
        });
        broken = false;
        channel = opened;
        return opened;
    }

    private void report(Channel from, long sequence, boolean multiple, Outcome outcome) {
        Round current = round;
        if (channel == from && current != null) {
            current.settle(sequence, multiple, outcome);
        }
    }

    private void discard() {
        Channel current = channel;
        channel = null;
        if (current != null && current.isOpen()) {
            try {
                current.abort();
            } catch (IOException | RuntimeException e) {
                Log.debug("Discarding a publishing channel failed", e);
            }
        }
    }

    @Override
    public synchronized void close() {
        discard();
    }

    /** The messages of one call, by sequence number, and what the broker said about each so far. */
    private static final class Round {

        private final Outcome[] outcomes;
        private final NavigableMap<Long, Integer> unconfirmed = new TreeMap<>();
        private ShutdownSignalException closedBy;

        Round(int size) {
            outcomes = new Outcome[size];
        }

        synchronized void sending(long sequence, int index) {
            unconfirmed.put(sequence, index);
        }

        synchronized void notSent(long sequence) {
            unconfirmed.remove(sequence);
        }

        synchronized void settle(long sequence, boolean multiple, Outcome outcome) {
            Map<Long, Integer> settled = multiple
                    ? unconfirmed.headMap(sequence, true)
                    : unconfirmed.containsKey(sequence) ? unconfirmed.subMap(sequence, true, sequence, true) : Map.of();
            for (int index : new ArrayList<>(settled.values())) {
                outcomes[index] = outcome;
            }
            settled.clear();
            notifyAll();
        }

        synchronized void closed(ShutdownSignalException cause) {
            closedBy = cause;
            notifyAll();
        }

        synchronized ShutdownSignalException closedBy() {
            return closedBy;
        }

        /** Waits until every message sent is confirmed or nacked, or the channel closed; false on timeout. */
        synchronized boolean await(Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!unconfirmed.isEmpty() && closedBy == null) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            return true;
        }

        /** Every outcome, the unsettled ones from why the channel closed ({@code closedBy}) or {@code unknown}. */
        synchronized List<Outcome> outcomes(ShutdownSignalException closedBy, String unknown) {
            Outcome unsettled;
            if (closedBy != null && !closedBy.isHardError() && !closedBy.isInitiatedByApplication()) {
                unsettled = new Outcome(Kind.CHANNEL_CLOSED, reason(closedBy));
            } else {
                unsettled = new Outcome(
                        Kind.UNKNOWN,
                        closedBy != null ? reason(closedBy) : unknown != null ? unknown : "the channel closed");
            }
            List<Outcome> all = new ArrayList<>(outcomes.length);
            for (Outcome outcome : outcomes) {
                all.add(outcome != null ? outcome : unsettled);
            }
            return all;
        }

        private static String reason(ShutdownSignalException cause) {
            Object method = cause.getReason();
            if (method instanceof AMQP.Channel.Close close) {
                return close.getReplyCode() + " " + close.getReplyText();
            }
            if (method instanceof AMQP.Connection.Close close) {
                return "connection closed: " + close.getReplyCode() + " " + close.getReplyText();
            }
            return cause.getMessage();
        }
    }
}
