package io.comply360.notification;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Plain SQL as the application's role in one tenant (row level security applies): for tests that put a row in a
 * state only a crash leaves behind, or that act as another replica would.
 */
public final class TenantSql {

    private TenantSql() {}

    /** The first column of the first row a query returns in the tenant (null without a row). */
    public static Object value(UUID tenantId, String sql, Object... parameters) {
        Object[] value = new Object[1];
        execute(tenantId, sql, parameters, statement -> {
            try (java.sql.ResultSet rows = statement.executeQuery()) {
                value[0] = rows.next() ? rows.getObject(1) : null;
            }
        });
        return value[0];
    }

    public static void run(UUID tenantId, String sql, Object... parameters) {
        execute(tenantId, sql, parameters, PreparedStatement::execute);
    }

    private interface Statement {
        void apply(PreparedStatement statement) throws SQLException;
    }

    private static void execute(UUID tenantId, String sql, Object[] parameters, Statement action) {
        String url = ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
        try (Connection connection = DriverManager.getConnection(url, "notification_app", "notification_app")) {
            connection.setAutoCommit(false);
            try (PreparedStatement tenant =
                    connection.prepareStatement("select set_config('app.tenant_id', ?, true)")) {
                tenant.setString(1, tenantId.toString());
                tenant.execute();
            }
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    statement.setObject(i + 1, parameters[i]);
                }
                action.apply(statement);
            }
            connection.commit();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
