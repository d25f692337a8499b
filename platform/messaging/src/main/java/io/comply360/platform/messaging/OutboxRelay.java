package io.comply360.platform.messaging;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.postgresql.PGConnection;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ShutdownSignalException;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;

/**
 * Sends outbox rows to RabbitMQ. One thread per service instance: it LISTENs on {@code comply360_outbox}
 * (notified after each committing insert) and polls slowly as a safety net. A batch is claimed with
 * {@code FOR UPDATE SKIP LOCKED} (replicas never send the same row at once), published with publisher
 * confirms, and marked sent only after the broker confirmed all of it within the timeout. A nack, a timeout
 * or a lost connection leaves the rows unsent: they are sent again, so delivery is at least once and
 * consumers deduplicate by event id.
 */
@ApplicationScoped
public class OutboxRelay {

    private final MessagingConfig config;
    private final Broker broker;
    private final AgroalDataSource dataSource;
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong lagMillis = new AtomicLong();
    private volatile boolean running;
    private volatile Thread worker;
    private Channel channel;

    public OutboxRelay(MessagingConfig config, Broker broker, AgroalDataSource dataSource, MeterRegistry metrics) {
        this.config = config;
        this.broker = broker;
        this.dataSource = dataSource;
        Gauge.builder("comply360.outbox.pending", pending, AtomicLong::get)
                .description("Outbox rows not yet confirmed by the broker").register(metrics);
        Gauge.builder("comply360.outbox.lag.seconds", lagMillis, lag -> lag.get() / 1000.0)
                .description("Age of the oldest unsent outbox row").register(metrics);
    }

    void start(@Observes StartupEvent event) {
        if (!config.enabled() || !config.relay().enabled()) {
            return;
        }
        running = true;
        worker = new Thread(this::run, "outbox-relay");
        worker.setDaemon(true);
        worker.start();
        broker.whenConnected(connection -> wakeUp());
        broker.whenRecovered(this::wakeUp);
    }

    /** Makes the relay look at the outbox now (after a reconnect): the same NOTIFY a committed insert sends. */
    public void wakeUp() {
        try (Connection db = dataSource.getConnection(); Statement st = db.createStatement()) {
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
                    drain();
                    // Blocks until a NOTIFY arrives or the poll interval passes.
                    notifications.getNotifications((int) config.relay().pollInterval().toMillis());
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

    /** Sends everything unsent; returns how many rows were confirmed. */
    int drain() throws SQLException {
        int total = 0;
        int sent;
        do {
            sent = relayBatch();
            total += sent;
        } while (sent == config.relay().batchSize() && running);
        measure();
        return total;
    }

    private record Row(UUID id, String exchange, String routingKey, String payload, String tenantId) {
    }

    private int relayBatch() throws SQLException {
        if (!broker.connected()) {
            return 0;
        }
        try (Connection db = dataSource.getConnection()) {
            db.setAutoCommit(false);
            try {
                List<Row> rows = claim(db);
                if (rows.isEmpty()) {
                    db.commit();
                    return 0;
                }
                String failure = publishAll(rows);
                mark(db, rows, failure);
                db.commit();
                return failure == null ? rows.size() : 0;
            } catch (SQLException | RuntimeException e) {
                db.rollback();
                throw e;
            }
        }
    }

    private List<Row> claim(Connection db) throws SQLException {
        try (PreparedStatement st = db.prepareStatement("""
                select id, exchange, routing_key, payload::text, tenant_id::text from outbox
                where sent_at is null order by created_at limit ? for update skip locked
                """)) {
            st.setInt(1, config.relay().batchSize());
            List<Row> rows = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5)));
                }
            }
            return rows;
        }
    }

    /** Publishes the batch and waits for every confirm; returns why it failed, or null when all were confirmed. */
    private String publishAll(List<Row> rows) {
        try {
            if (channel == null || !channel.isOpen()) {
                channel = broker.confirmChannel();
            }
            for (Row row : rows) {
                Map<String, Object> headers = new HashMap<>();
                if (row.tenantId() != null) {
                    headers.put("tenantid", row.tenantId());
                }
                AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                        .messageId(row.id().toString())
                        .type(row.routingKey())
                        .contentType(CloudEvent.CONTENT_TYPE)
                        .deliveryMode(2)
                        .headers(headers)
                        .build();
                channel.basicPublish(row.exchange(), row.routingKey(), properties,
                        row.payload().getBytes(StandardCharsets.UTF_8));
            }
            channel.waitForConfirmsOrDie(config.relay().confirmTimeout().toMillis());
            return null;
        } catch (IOException | TimeoutException | ShutdownSignalException e) {
            closeChannel();
            Log.warnf("Outbox batch of %d not confirmed (%s); it stays unsent and is sent again", rows.size(),
                    e.getMessage());
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeChannel();
            return "interrupted";
        }
    }

    private void mark(Connection db, List<Row> rows, String failure) throws SQLException {
        Array ids = db.createArrayOf("uuid", rows.stream().map(Row::id).toArray());
        try (PreparedStatement st = db.prepareStatement(failure == null
                ? "update outbox set sent_at = clock_timestamp(), attempts = attempts + 1, last_error = null where id = any(?)"
                : "update outbox set attempts = attempts + 1, last_error = ? where id = any(?)")) {
            if (failure == null) {
                st.setArray(1, ids);
            } else {
                st.setString(1, failure.length() > 500 ? failure.substring(0, 500) : failure);
                st.setArray(2, ids);
            }
            st.executeUpdate();
        }
    }

    private void measure() throws SQLException {
        try (Connection db = dataSource.getConnection(); Statement st = db.createStatement();
                ResultSet rs = st.executeQuery("""
                        select count(*), coalesce(extract(epoch from clock_timestamp() - min(created_at)) * 1000, 0)
                        from outbox where sent_at is null
                        """)) {
            rs.next();
            pending.set(rs.getLong(1));
            lagMillis.set(rs.getLong(2));
        }
    }

    private void closeChannel() {
        try {
            if (channel != null && channel.isOpen()) {
                channel.close();
            }
        } catch (IOException | TimeoutException | ShutdownSignalException e) {
            Log.debug("Closing the relay channel failed", e);
        }
        channel = null;
    }


    @PreDestroy
    void stop() {
        running = false;
        Thread current = worker;
        if (current != null) {
            current.interrupt();
        }
    }
}
