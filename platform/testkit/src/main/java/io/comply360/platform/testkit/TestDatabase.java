package io.comply360.platform.testkit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * JDBC connections to the running service's test database, from its test configuration (never a hard-coded URL):
 * as the application role (row level security applies) or as the owner (for what a test must arrange around the
 * application, e.g. ageing rows). Call it inside a {@code @QuarkusTest}.
 */
public final class TestDatabase {

    private TestDatabase() {}

    /** As {@code quarkus.datasource.username}: what the service itself may see and do. */
    public static Connection asApp() throws SQLException {
        return connect("quarkus.datasource.username", "quarkus.datasource.password");
    }

    /** As {@code quarkus.flyway.username}, the schema's owner. */
    public static Connection asOwner() throws SQLException {
        return connect("quarkus.flyway.username", "quarkus.flyway.password");
    }

    private static Connection connect(String user, String password) throws SQLException {
        Config config = ConfigProvider.getConfig();
        return DriverManager.getConnection(
                config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue(user, String.class),
                config.getValue(password, String.class));
    }
}
