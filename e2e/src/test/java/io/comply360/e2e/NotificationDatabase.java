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
 * notification-service's test database {@code notification_test}, which dev/test creates with its roles
 * (passwords are the role names) and notification-service migrates when it starts. Read as the service's own
 * role {@code notification_app}, under row level security: a connection sees the rows of the tenant it last
 * named and no other, as the service does.
 */
final class NotificationDatabase implements AutoCloseable {

    static final String REACTIVE_URL = "postgresql://127.0.0.1:5432/notification_test";
    static final String JDBC_URL = "jdbc:" + REACTIVE_URL;
    static final String OWNER = "notification_owner";
    static final String APP = "notification_app";

    /** A row of {@code notifications}: one person's in-app notification. */
    record StoredNotification(
            String id,
            String tenantId,
            String audienceUser,
            String kind,
            String title,
            String body,
            String subjectId,
            String sourceEventId,
            Instant createdAt) {}

    private final Connection db;

    private NotificationDatabase(Connection db) {
        this.db = db;
    }

    /** One connection as {@code notification_app}, kept for many reads (polling must not load the machine). */
    static NotificationDatabase connect() throws SQLException {
        return new NotificationDatabase(DriverManager.getConnection(JDBC_URL, APP, APP));
    }

    /**
     * Every notification the tenant's row level security context shows, oldest first. The query names no tenant:
     * the policy alone decides, so a row of another tenant here would be a tenancy leak.
     */
    List<StoredNotification> visibleTo(String tenantId) throws SQLException {
        try (PreparedStatement tenant = db.prepareStatement("select set_config('app.tenant_id', ?, false)")) {
            tenant.setString(1, tenantId);
            tenant.execute();
        }
        try (PreparedStatement select = db.prepareStatement("""
                select id::text, tenant_id::text, audience_user, kind, title, body, subject_id, source_event_id,
                       created_at
                from notifications order by created_at, id""");
                ResultSet rows = select.executeQuery()) {
            List<StoredNotification> found = new ArrayList<>();
            while (rows.next()) {
                found.add(new StoredNotification(
                        rows.getString(1),
                        rows.getString(2),
                        rows.getString(3),
                        rows.getString(4),
                        rows.getString(5),
                        rows.getString(6),
                        rows.getString(7),
                        rows.getString(8),
                        rows.getObject(9, OffsetDateTime.class).toInstant()));
            }
            return found;
        }
    }

    /**
     * When notification-service planned an event's messages (its people looked up, its templates rendered): the
     * {@code planned_at} of the event's mark, written in the transaction that writes the messages.
     */
    Optional<Instant> plannedAt(String tenantId, String eventId) throws SQLException {
        try (PreparedStatement tenant = db.prepareStatement("select set_config('app.tenant_id', ?, false)")) {
            tenant.setString(1, tenantId);
            tenant.execute();
        }
        try (PreparedStatement select =
                db.prepareStatement("select planned_at from planned_events where event_id = ?")) {
            select.setString(1, eventId);
            try (ResultSet row = select.executeQuery()) {
                return row.next()
                        ? Optional.of(row.getObject(1, OffsetDateTime.class).toInstant())
                        : Optional.empty();
            }
        }
    }

    @Override
    public void close() throws SQLException {
        db.close();
    }
}
