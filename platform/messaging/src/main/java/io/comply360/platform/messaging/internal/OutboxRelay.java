package io.comply360.platform.messaging.internal;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.postgresql.PGConnection;

import com.rabbitmq.client.AMQP;

import io.agroal.api.AgroalDataSource;
import io.comply360.platform.broker.CloudEvent;
import io.comply360.platform.broker.internal.Broker;
import io.comply360.platform.broker.internal.BrokerConfig;
import io.comply360.platform.broker.internal.ConfirmingPublisher;
import io.comply360.platform.broker.internal.ConfirmingPublisher.Kind;
import io.comply360.platform.broker.internal.ConfirmingPublisher.Outcome;
import io.comply360.platform.broker.internal.ConfirmingPublisher.Outgoing;
import io.comply360.platform.broker.internal.Headers;
import io.comply360.platform.broker.internal.Pause;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;

/**
 * Sends outbox rows to RabbitMQ, row by row. One thread per service instance: it LISTENs on
 * {@code comply360_outbox} (notified after each committing insert), and otherwise sleeps until the next row is due
 * or the safety-net poll. Each round claims up to a batch of due rows (oldest first, {@code FOR UPDATE SKIP LOCKED}
 * in a short transaction that leases them by pushing {@code next_attempt_at} ahead, so replicas never send a row
 * at once and no transaction stays open while the broker answers), publishes them pipelined with a publisher
 * confirm per row, and records each row's fate in a second short transaction:
 * <ul>
 * <li>confirmed: marked sent, never sent again;</li>
 * <li>refused by the broker for its own sake (a nack; the channel closed for it, e.g. 404 for its exchange):
 * {@code attempts} + 1 with the error, due again after a pause that doubles per refusal, and parked (set aside,
 * {@code parked_at}) after {@code relay.max-attempts} refusals until an operator retries it;</li>
 * <li>unknown because the broker is away (no confirm in time, the connection lost): released with no penalty,
 * sent again.</li>
 * </ul>
 * When a row closes the channel, the broker discards what followed it on that channel; those rows are sent again
 * one by one in the same round, which also tells whose fault it was. A row already refused once is always sent on
 * its own, after the others, so it never costs its neighbours a round trip again. Delivery is at least once
 * (a confirm lost with the connection, or a relay dying before it recorded one, means a second send); consumers
 * deduplicate by event id.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final int MAX_ERROR_LENGTH = 500;

    private final MessagingConfig config;
    private final BrokerConfig brokerConfig;
    private final Broker broker;
    private final AgroalDataSource dataSource;
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong parked = new AtomicLong();
    private final AtomicLong lagMillis = new AtomicLong();
    private final MeterRegistry metrics;
    private final List<Meter> gauges;
    private volatile long nextDueMillis = Long.MAX_VALUE;
    private volatile boolean running;
    private volatile Thread worker;
    private ConfirmingPublisher publisher;

    public OutboxRelay(
            MessagingConfig config,
            BrokerConfig brokerConfig,
            Broker broker,
            AgroalDataSource dataSource,
            MeterRegistry metrics) {
        this.config = config;
        this.brokerConfig = brokerConfig;
        this.broker = broker;
        this.dataSource = dataSource;
        this.metrics = metrics;
        gauges = List.of(
                Gauge.builder("comply360.outbox.pending", pending, AtomicLong::get)
                        .description("Outbox rows not yet confirmed by the broker (parked rows not included)")
                        .register(metrics),
                Gauge.builder("comply360.outbox.parked", parked, AtomicLong::get)
                        .description(
                                "Outbox rows the broker refused too often, set aside until an operator retries them")
                        .register(metrics),
                Gauge.builder("comply360.outbox.lag.seconds", lagMillis, lag -> lag.get() / 1000.0)
                        .description("Age of the oldest unsent outbox row (parked rows not included)")
                        .register(metrics));
    }

    void start(@Observes StartupEvent event) {
        if (!brokerConfig.enabled() || !config.relay().enabled()) {
            return;
        }
        publisher = new ConfirmingPublisher(broker);
        running = true;
        worker = new Thread(this::run, "outbox-relay");
        worker.setDaemon(true);
        worker.start();
        broker.whenConnected(connection -> wakeUp());
        broker.whenRecovered(this::wakeUp);
    }

    /** Makes the relay look at the outbox now (after a reconnect, a retry): the NOTIFY a committed insert sends. */
    public void wakeUp() {
        try (Connection db = dataSource.getConnection();
                Statement st = db.createStatement()) {
            st.execute("select pg_notify('comply360_outbox', '')");
        } catch (SQLException e) {
            Log.debugf("Could not wake the outbox relay: %s", e.getMessage());
        }
    }

    private void run() {
        while (running) {
            try (Connection listener = dataSource.getConnection()) {
                listener.setAutoCommit(true);
                try (Statement st = listener.createStatement()) {
                    st.execute("listen comply360_outbox");
                }
                PGConnection notifications = listener.unwrap(PGConnection.class);
                while (running) {
                    int progress = drain();
                    // Blocks until a NOTIFY arrives, the next row is due or the poll interval passes.
                    notifications.getNotifications(waitMillis(progress));
                }
            } catch (SQLException e) {
                if (running) {
                    Log.warnf("Outbox relay lost its database connection (%s); retrying", e.getMessage());
                    Pause.millis(1000);
                }
            } catch (RuntimeException e) {
                Log.error("Outbox relay failed; restarting it", e);
                Pause.millis(1000);
            }
        }
    }

    /** Until the next row is due, within the poll interval; never 0, which would wait for a NOTIFY only. */
    private int waitMillis(int progress) {
        long poll = config.relay().pollInterval().toMillis();
        if (!broker.connected() || broker.publishingBlocked() != null) {
            // The broker's return wakes the relay (whenRecovered, whenConnected).
            return (int) Math.max(1, poll);
        }
        long wait = Math.min(poll, Math.max(1, nextDueMillis));
        if (progress == 0) {
            // Rows due but nothing moved (the broker blocked, the rows locked by a replica): do not spin.
            wait = Math.max(wait, Math.min(poll, 1000));
        }
        return (int) wait;
    }

    /** Sends everything due; returns how many rows were settled (sent or refused). */
    int drain() throws SQLException {
        int total = 0;
        Round round;
        do {
            round = relayRound();
            total += round.settled();
        } while (round.claimed() == config.relay().batchSize() && round.settled() > 0 && running);
        measure();
        return total;
    }

    private record Row(
            UUID id,
            String exchange,
            String routingKey,
            String payload,
            String tenantId,
            int attempts,
            OffsetDateTime createdAt) {}

    /** What became of a claimed batch: how many rows were claimed and how many were sent or refused. */
    private record Round(int claimed, int settled) {}

    private Round relayRound() throws SQLException {
        if (!broker.connected() || broker.publishingBlocked() != null) {
            return new Round(0, 0);
        }
        long claimedAt = System.nanoTime();
        List<Row> rows = claim();
        if (rows.isEmpty()) {
            return new Round(0, 0);
        }
        Map<Row, Outcome> fates = publish(rows, claimedAt);
        record(rows, fates);
        int settled = (int) fates.values().stream()
                .filter(outcome -> outcome.kind() != Kind.UNKNOWN)
                .count();
        return new Round(rows.size(), settled);
    }

    /** Leases up to a batch of due rows, oldest first; replicas skip each other's. */
    private List<Row> claim() throws SQLException {
        try (Connection db = dataSource.getConnection();
                PreparedStatement st = db.prepareStatement("""
                update outbox set next_attempt_at = clock_timestamp() + make_interval(secs => ?)
                where id in (
                    select id from outbox
                    where sent_at is null and parked_at is null
                      and (next_attempt_at is null or next_attempt_at <= clock_timestamp())
                    order by created_at limit ? for update skip locked)
                returning id, exchange, routing_key, payload::text, tenant_id::text, attempts, created_at
                """)) {
            st.setDouble(1, lease().toMillis() / 1000.0);
            st.setInt(2, config.relay().batchSize());
            List<Row> rows = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(
                            rs.getObject(1, UUID.class),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getString(5),
                            rs.getInt(6),
                            rs.getObject(7, OffsetDateTime.class)));
                }
            }
            rows.sort(Comparator.comparing(Row::createdAt));
            return rows;
        }
    }

    /**
     * How long a round's rows stay claimed: a pipelined batch, then single sends, each bounded by the confirm
     * timeout; single sends stop while a confirm timeout is still left for recording, so a claimed row is never
     * claimed again while its round runs, however slowly the broker confirms.
     */
    private Duration lease() {
        return config.relay().confirmTimeout().multipliedBy(3);
    }

    /**
     * Sends rows never refused before together, then one by one those a closed channel left unsettled and those
     * refused before. Stops sending once the broker is away (no confirm in time, no connection) or the claim would
     * run out before another send and the recording: the rest is released untouched.
     */
    private Map<Row, Outcome> publish(List<Row> rows, long claimedAt) {
        Duration timeout = config.relay().confirmTimeout();
        Map<Row, Outcome> fates = new HashMap<>();
        List<Row> together = rows.stream().filter(row -> row.attempts() == 0).toList();
        List<Row> alone = new ArrayList<>();
        boolean brokerAway = false;
        if (!together.isEmpty()) {
            List<Outcome> outcomes = publisher.publish(
                    together.stream().map(OutboxRelay::message).toList(), timeout);
            for (int i = 0; i < together.size(); i++) {
                Outcome outcome = outcomes.get(i);
                if (outcome.kind() == Kind.CHANNEL_CLOSED) {
                    alone.add(together.get(i));
                } else {
                    fates.put(together.get(i), outcome);
                    brokerAway |= outcome.kind() == Kind.UNKNOWN;
                }
            }
        }
        rows.stream().filter(row -> row.attempts() > 0).forEach(alone::add);
        long lastSendBy = claimedAt + lease().minus(timeout.multipliedBy(2)).toNanos();
        for (Row row : alone) {
            if (brokerAway || !running || System.nanoTime() > lastSendBy) {
                fates.put(
                        row,
                        new Outcome(
                                Kind.UNKNOWN,
                                brokerAway
                                        ? "not sent: the broker did not answer"
                                        : "not sent: the round's claim ran out"));
                continue;
            }
            Outcome outcome = publisher.publish(List.of(message(row)), timeout).get(0);
            fates.put(row, outcome);
            brokerAway = outcome.kind() == Kind.UNKNOWN;
        }
        return fates;
    }

    private static Outgoing message(Row row) {
        Map<String, Object> headers = new HashMap<>();
        if (row.tenantId() != null) {
            headers.put(Headers.TENANT_ID, row.tenantId());
        }
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                .messageId(row.id().toString())
                .type(row.routingKey())
                .contentType(CloudEvent.CONTENT_TYPE)
                .deliveryMode(2)
                .headers(headers)
                .build();
        return new Outgoing(
                row.exchange(), row.routingKey(), properties, row.payload().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Writes every row's fate in one transaction. If that fails, the claim is released so the rows go again now
     * (sent ones a second time, as after a relay that died before recording); if that fails too, the lease runs out.
     */
    private void record(List<Row> rows, Map<Row, Outcome> fates) throws SQLException {
        List<UUID> sent = new ArrayList<>();
        List<UUID> released = new ArrayList<>();
        List<Row> refused = new ArrayList<>();
        for (Row row : rows) {
            Outcome outcome = fates.get(row);
            switch (outcome.kind()) {
                case CONFIRMED -> sent.add(row.id());
                case UNKNOWN -> released.add(row.id());
                case NACKED, CHANNEL_CLOSED -> refused.add(row);
            }
        }
        // The usual round, everything confirmed, is one statement: no transaction around it.
        boolean oneStatement = released.isEmpty() && refused.isEmpty();
        try (Connection db = dataSource.getConnection()) {
            db.setAutoCommit(oneStatement);
            try {
                update(
                        db,
                        "update outbox set sent_at = clock_timestamp(), next_attempt_at = null, last_error = null "
                                + "where id = any(?)",
                        sent);
                update(db, "update outbox set next_attempt_at = null where id = any(?)", released);
                refuse(db, refused, fates);
                if (!oneStatement) {
                    db.commit();
                }
            } catch (SQLException | RuntimeException e) {
                if (!oneStatement) {
                    db.rollback();
                }
                release(rows);
                throw e;
            }
        }
        if (!released.isEmpty()) {
            Log.warnf(
                    "Outbox: %d row(s) not confirmed (%s); they stay unsent and are sent again",
                    released.size(),
                    fates.get(rows.stream()
                                    .filter(row -> released.contains(row.id()))
                                    .findFirst()
                                    .orElseThrow())
                            .reason());
        }
    }

    private void refuse(Connection db, List<Row> refused, Map<Row, Outcome> fates) throws SQLException {
        if (refused.isEmpty()) {
            return;
        }
        int maxAttempts = config.relay().maxAttempts();
        try (PreparedStatement st = db.prepareStatement("""
                update outbox set attempts = ?, last_error = ?,
                    next_attempt_at = case when ? then null else clock_timestamp() + make_interval(secs => ?) end,
                    parked_at = case when ? then clock_timestamp() end
                where id = ?
                """)) {
            for (Row row : refused) {
                int attempts = row.attempts() + 1;
                boolean park = attempts >= maxAttempts;
                String error = fates.get(row).kind() + ": " + fates.get(row).reason();
                st.setInt(1, attempts);
                st.setString(2, error.length() > MAX_ERROR_LENGTH ? error.substring(0, MAX_ERROR_LENGTH) : error);
                st.setBoolean(3, park);
                st.setDouble(4, backoff(attempts).toMillis() / 1000.0);
                st.setBoolean(5, park);
                st.setObject(6, row.id());
                st.addBatch();
                if (park) {
                    Log.errorf(
                            "Outbox row %s (%s → %s) parked after %d refusals: %s; retry it with POST "
                                    + "/internal/outbox/parked/retry once the cause is fixed",
                            row.id(), row.routingKey(), row.exchange(), attempts, error);
                } else {
                    Log.warnf(
                            "Outbox row %s (%s → %s) refused (%s); attempt %d of %d in %d ms",
                            row.id(),
                            row.routingKey(),
                            row.exchange(),
                            error,
                            attempts + 1,
                            maxAttempts,
                            backoff(attempts).toMillis());
                }
            }
            st.executeBatch();
        }
    }

    /** The pause after a row's {@code refusals}-th refusal: the configured backoff, doubling, up to its maximum. */
    Duration backoff(int refusals) {
        return Pause.doubling(config.relay().backoff(), config.relay().maxBackoff(), refusals);
    }

    private void release(List<Row> rows) {
        try (Connection db = dataSource.getConnection()) {
            update(
                    db,
                    "update outbox set next_attempt_at = null where id = any(?) and sent_at is null",
                    rows.stream().map(Row::id).toList());
        } catch (SQLException e) {
            Log.debugf("Could not release claimed outbox rows (%s); their lease runs out", e.getMessage());
        }
    }

    private static void update(Connection db, String sql, List<UUID> ids) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        try (PreparedStatement st = db.prepareStatement(sql)) {
            st.setArray(1, db.createArrayOf("uuid", ids.toArray()));
            st.executeUpdate();
        }
    }

    private void measure() throws SQLException {
        try (Connection db = dataSource.getConnection();
                Statement st = db.createStatement();
                ResultSet rs = st.executeQuery("""
                        select count(*) filter (where parked_at is null),
                               count(*) filter (where parked_at is not null),
                               coalesce(extract(epoch from clock_timestamp()
                                   - min(created_at) filter (where parked_at is null)) * 1000, 0),
                               extract(epoch from min(coalesce(next_attempt_at, clock_timestamp()))
                                   filter (where parked_at is null) - clock_timestamp()) * 1000
                        from outbox where sent_at is null
                        """)) {
            rs.next();
            pending.set(rs.getLong(1));
            parked.set(rs.getLong(2));
            lagMillis.set(rs.getLong(3));
            double nextDue = rs.getDouble(4);
            nextDueMillis = rs.wasNull() ? Long.MAX_VALUE : (long) Math.ceil(nextDue);
        }
    }

    @PreDestroy
    void stop() {
        // See Broker.stop(): the gauges must not outlive this instance.
        gauges.forEach(metrics::remove);
        running = false;
        Thread current = worker;
        if (current != null) {
            current.interrupt();
        }
        if (publisher != null) {
            publisher.close();
        }
    }
}
