package io.comply360.e2e;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * tenant-service's test database {@code tenant_test}, which dev/test creates with its roles (passwords are the
 * role names) and tenant-service migrates when it starts.
 */
final class TenantDatabase {

    static final String REACTIVE_URL = "postgresql://127.0.0.1:5432/tenant_test";
    static final String JDBC_URL = "jdbc:" + REACTIVE_URL;
    static final String OWNER = "tenant_owner";
    static final String APP = "tenant_app";

    /** What tenant-service keeps of a tenant's settings; the version is the ETag. */
    record StoredSettings(long version, String displayName) {}

    /**
     * A row of the outbox ({@code db/platform/beforeMigrate__comply360_messaging.sql}): its id is the event's id,
     * {@code created_at} the database clock at the insert (inside the writing transaction), {@code sent_at} when
     * the relay marked it confirmed by the broker (null while unsent).
     */
    record OutboxEvent(String id, String routingKey, Instant createdAt, Instant sentAt) {}

    private TenantDatabase() {}

    /**
     * The demo agencies that the realm's demo users belong to, active, as dev/up seeds them. A tenant that is
     * already there is left as it is, but it must be the one the realm's {@code tenant_id} claims name.
     */
    static void ensureDemoTenants() throws SQLException {
        try (Connection db = DriverManager.getConnection(JDBC_URL, OWNER, OWNER)) {
            try (PreparedStatement insert = db.prepareStatement("""
                    insert into tenants (id, slug, legal_name, countries, tier, status, created_at, updated_at) values
                        (?::uuid, 'acme', 'Acme Registrations (Pty) Ltd', '{ZA}', 'professional', 'active', now(), now()),
                        (?::uuid, 'globex', 'Globex Company Services (Pvt) Ltd', '{ZW,ZA}', 'starter', 'active', now(), now())
                    on conflict do nothing""")) {
                insert.setString(1, LocalStack.ACME);
                insert.setString(2, LocalStack.GLOBEX);
                insert.executeUpdate();
            }
            requireActive(db, "acme", LocalStack.ACME);
            requireActive(db, "globex", LocalStack.GLOBEX);
        }
    }

    private static void requireActive(Connection db, String slug, String id) throws SQLException {
        try (PreparedStatement select = db.prepareStatement("select id::text, status from tenants where slug = ?")) {
            select.setString(1, slug);
            try (ResultSet row = select.executeQuery()) {
                String found = row.next() ? row.getString(1) + " (" + row.getString(2) + ")" : "nothing";
                if (!found.equals(id + " (active)")) {
                    throw new IllegalStateException("tenant_test must hold the demo tenant " + slug + " as " + id
                            + " (active), but under that slug it holds " + found);
                }
            }
        }
    }

    /** The events tenant-service wrote to its outbox about a tenant, oldest first (outbox rows have no RLS). */
    static List<OutboxEvent> outboxOf(String tenantId) throws SQLException {
        try (Connection db = DriverManager.getConnection(JDBC_URL, APP, APP);
                PreparedStatement select = db.prepareStatement("""
                        select id::text, routing_key, created_at, sent_at from outbox
                        where tenant_id = ?::uuid order by created_at""")) {
            select.setString(1, tenantId);
            try (ResultSet rows = select.executeQuery()) {
                List<OutboxEvent> events = new ArrayList<>();
                while (rows.next()) {
                    OffsetDateTime sent = rows.getObject(4, OffsetDateTime.class);
                    events.add(new OutboxEvent(
                            rows.getString(1),
                            rows.getString(2),
                            rows.getObject(3, OffsetDateTime.class).toInstant(),
                            sent == null ? null : sent.toInstant()));
                }
                return events;
            }
        }
    }

    /** A tenant's settings row, read under its own row level security context; empty if it never saved any. */
    static Optional<StoredSettings> settingsOf(String tenantId) throws SQLException {
        try (Connection db = DriverManager.getConnection(JDBC_URL, APP, APP)) {
            db.setAutoCommit(false);
            try (PreparedStatement tenant = db.prepareStatement("select set_config('app.tenant_id', ?, true)");
                    PreparedStatement select = db.prepareStatement(
                            "select version, display_name from settings where tenant_id = ?::uuid")) {
                tenant.setString(1, tenantId);
                tenant.execute();
                select.setString(1, tenantId);
                try (ResultSet row = select.executeQuery()) {
                    return row.next()
                            ? Optional.of(new StoredSettings(row.getLong(1), row.getString(2)))
                            : Optional.empty();
                }
            } finally {
                db.rollback();
            }
        }
    }
}
