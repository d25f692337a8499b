package io.comply360.platform.messaging.internal;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.agroal.api.AgroalDataSource;
import io.comply360.platform.error.ProblemException;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Operator tools for outbox rows the relay parked (the broker refused them {@code relay.max-attempts} times):
 * list them with their error, and retry one or all once the cause is fixed (a retried row gets a full set of
 * attempts again). Blocking (JDBC): call through {@code BlockingCalls}.
 */
@ApplicationScoped
public class ParkedOutbox {

    private final AgroalDataSource dataSource;
    private final OutboxRelay relay;
    private final ObjectMapper json;

    public ParkedOutbox(AgroalDataSource dataSource, OutboxRelay relay, ObjectMapper json) {
        this.dataSource = dataSource;
        this.relay = relay;
        this.json = json;
    }

    /** A parked row: the event, where it was to go, how often and why the broker refused it. */
    @RegisterForReflection
    public record ParkedRow(
            UUID id,
            UUID tenantId,
            String exchange,
            String routingKey,
            int attempts,
            String error,
            String createdAt,
            String parkedAt,
            JsonNode event) {}

    /** The {@code limit} rows parked longest ago. */
    public List<ParkedRow> list(int limit) throws SQLException, IOException {
        try (Connection db = dataSource.getConnection();
                PreparedStatement st = db.prepareStatement("""
                select id, tenant_id, exchange, routing_key, attempts, last_error, created_at, parked_at, payload::text
                from outbox where parked_at is not null and sent_at is null order by parked_at, id limit ?
                """)) {
            st.setInt(1, limit);
            List<ParkedRow> rows = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    rows.add(new ParkedRow(
                            rs.getObject(1, UUID.class),
                            rs.getObject(2, UUID.class),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getInt(5),
                            rs.getString(6),
                            rs.getObject(7, OffsetDateTime.class).toInstant().toString(),
                            rs.getObject(8, OffsetDateTime.class).toInstant().toString(),
                            json.readTree(rs.getString(9))));
                }
            }
            return rows;
        }
    }

    /** Un-parks the row {@code id} (404 if it is not parked), or every parked row when null; returns how many. */
    public int retry(UUID id) throws SQLException {
        int retried;
        try (Connection db = dataSource.getConnection();
                PreparedStatement st =
                        db.prepareStatement("update outbox set parked_at = null, attempts = 0, next_attempt_at = null "
                                + "where parked_at is not null and sent_at is null"
                                + (id == null ? "" : " and id = ?"))) {
            if (id != null) {
                st.setObject(1, id);
            }
            retried = st.executeUpdate();
        }
        if (id != null && retried == 0) {
            throw ProblemException.notFound("Parked outbox row " + id);
        }
        if (retried > 0) {
            relay.wakeUp();
        }
        return retried;
    }
}
