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

    public static void run(UUID tenantId, String sql, Object... parameters) {
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
                statement.execute();
            }
            connection.commit();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
