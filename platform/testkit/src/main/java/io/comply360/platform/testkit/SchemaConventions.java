package io.comply360.platform.testkit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The tenancy rules of docs/architecture.md ("Tenancy"), checked on a migrated database. Every service runs it in a test:
 * <ul>
 * <li>every table declares its kind ({@code comply360_tenant_table(...)} etc. in its migration);</li>
 * <li>tenant tables have {@code tenant_id uuid not null}, RLS enabled <em>and forced</em>, and the
 * {@code tenant_isolation} policy with both USING and WITH CHECK on {@code app.tenant_id};</li>
 * <li>global and infrastructure tables have no RLS;</li>
 * <li>foreign keys between tenant tables include {@code tenant_id} on both sides;</li>
 * <li>the application role is no superuser, has no BYPASSRLS, owns nothing and is no member of a role
 * that owns the tables, of the jobs role or of a role that bypasses RLS;</li>
 * <li>the jobs role cannot log in, has no BYPASSRLS, and every SECURITY DEFINER function belongs to it and
 * pins its {@code search_path}.</li>
 * </ul>
 */
public final class SchemaConventions {

    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final String appRole;
    private final String jobsRole;

    public SchemaConventions(String jdbcUrl, String user, String password, String appRole, String jobsRole) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        this.appRole = appRole;
        this.jobsRole = jobsRole;
    }

    /** Reads the service's own settings: the JDBC URL, migration credentials and role names. */
    public static SchemaConventions ofRunningService() {
        Config config = ConfigProvider.getConfig();
        return new SchemaConventions(
                config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.flyway.username", String.class),
                config.getValue("quarkus.flyway.password", String.class),
                config.getValue("quarkus.flyway.placeholders.app_role", String.class),
                config.getValue("quarkus.flyway.placeholders.jobs_role", String.class));
    }

    /** Every broken rule, one line each; empty when the schema follows the conventions. */
    public List<String> violations() {
        List<String> violations = new ArrayList<>();
        try (Connection db = DriverManager.getConnection(jdbcUrl, user, password)) {
            tableKinds(db, violations);
            tenantTables(db, violations);
            foreignKeys(db, violations);
            roles(db, violations);
            memberships(db, violations);
            definerFunctions(db, violations);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot inspect " + jdbcUrl + ": " + e.getMessage(), e);
        }
        return violations;
    }

    private void tableKinds(Connection db, List<String> violations) throws SQLException {
        query(db, """
                select c.relname, coalesce(obj_description(c.oid, 'pg_class'), ''), c.relrowsecurity
                from pg_class c join pg_namespace n on n.oid = c.relnamespace
                where n.nspname = current_schema() and c.relkind in ('r', 'p')
                  and c.relname <> 'flyway_schema_history'
                order by c.relname
                """, rs -> {
            String table = rs.getString(1);
            String kind = rs.getString(2);
            boolean rls = rs.getBoolean(3);
            if (!kind.startsWith("comply360:")) {
                violations.add(table + ": declares no table kind (call comply360_tenant_table, "
                        + "comply360_global_table or comply360_infrastructure_table in its migration)");
            } else if (!kind.equals("comply360:tenant") && rls) {
                violations.add(table + ": is a " + kind.substring(10) + " table but has row level security");
            }
        });
    }

    private void tenantTables(Connection db, List<String> violations) throws SQLException {
        query(db, """
                select c.relname, c.relrowsecurity, c.relforcerowsecurity,
                       exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'tenant_id'
                               and a.atttypid = 'uuid'::regtype and a.attnotnull and not a.attisdropped),
                       exists (select 1 from pg_policies p where p.schemaname = current_schema()
                               and p.tablename = c.relname and p.policyname = 'tenant_isolation'
                               and p.cmd = 'ALL' and p.permissive = 'PERMISSIVE'
                               and lower(p.qual) like '%nullif(current_setting(''app.tenant_id''::text, true)%'
                               and lower(p.with_check) like '%nullif(current_setting(''app.tenant_id''::text, true)%')
                from pg_class c join pg_namespace n on n.oid = c.relnamespace
                where n.nspname = current_schema() and c.relkind in ('r', 'p')
                  and obj_description(c.oid, 'pg_class') = 'comply360:tenant'
                order by c.relname
                """, rs -> {
            String table = rs.getString(1);
            if (!rs.getBoolean(2)) {
                violations.add(table + ": tenant table without ENABLE ROW LEVEL SECURITY");
            }
            if (!rs.getBoolean(3)) {
                violations.add(table + ": tenant table without FORCE ROW LEVEL SECURITY");
            }
            if (!rs.getBoolean(4)) {
                violations.add(table + ": tenant table without a 'tenant_id uuid not null' column");
            }
            if (!rs.getBoolean(5)) {
                violations.add(table + ": tenant table without the tenant_isolation policy (USING and WITH CHECK "
                        + "on nullif(current_setting('app.tenant_id', true), '')::uuid)");
            }
        });
    }

    private void foreignKeys(Connection db, List<String> violations) throws SQLException {
        query(db, """
                select con.conname, src.relname, dst.relname,
                       array_position(con.conkey, (select attnum from pg_attribute
                           where attrelid = src.oid and attname = 'tenant_id')),
                       array_position(con.confkey, (select attnum from pg_attribute
                           where attrelid = dst.oid and attname = 'tenant_id'))
                from pg_constraint con
                join pg_class src on src.oid = con.conrelid
                join pg_class dst on dst.oid = con.confrelid
                join pg_namespace n on n.oid = src.relnamespace
                where con.contype = 'f' and n.nspname = current_schema()
                  and obj_description(src.oid, 'pg_class') = 'comply360:tenant'
                  and obj_description(dst.oid, 'pg_class') = 'comply360:tenant'
                order by 1
                """, rs -> {
            int from = rs.getInt(4);
            boolean fromMissing = rs.wasNull();
            int to = rs.getInt(5);
            if (fromMissing || rs.wasNull() || from != to) {
                violations.add(rs.getString(2) + ": foreign key " + rs.getString(1) + " to " + rs.getString(3)
                        + " does not pair tenant_id with tenant_id");
            }
        });
    }

    private void roles(Connection db, List<String> violations) throws SQLException {
        try (PreparedStatement st =
                db.prepareStatement("select rolsuper, rolbypassrls, rolcanlogin from pg_roles where rolname = ?")) {
            for (String role : List.of(appRole, jobsRole)) {
                st.setString(1, role);
                try (ResultSet rs = st.executeQuery()) {
                    if (!rs.next()) {
                        violations.add("role " + role + " does not exist");
                        continue;
                    }
                    if (rs.getBoolean(1)) {
                        violations.add("role " + role + " is a superuser");
                    }
                    if (rs.getBoolean(2)) {
                        violations.add("role " + role + " has BYPASSRLS");
                    }
                    if (role.equals(jobsRole) && rs.getBoolean(3)) {
                        violations.add("role " + role + " (jobs) can log in");
                    }
                }
            }
        }
        try (PreparedStatement st = db.prepareStatement("""
                select 'table ' || relname from pg_class where relowner = (select oid from pg_roles where rolname = ?)
                union all select 'function ' || proname from pg_proc
                  where proowner = (select oid from pg_roles where rolname = ?)
                union all select 'schema ' || nspname from pg_namespace
                  where nspowner = (select oid from pg_roles where rolname = ?)
                union all select 'database ' || datname from pg_database
                  where datdba = (select oid from pg_roles where rolname = ?)
                """)) {
            for (int i = 1; i <= 4; i++) {
                st.setString(i, appRole);
            }
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    violations.add("role " + appRole + " (application) owns " + rs.getString(1));
                }
            }
        }
    }

    /** Membership would let the application role SET ROLE to one that owns the tables (or bypasses RLS). */
    private void memberships(Connection db, List<String> violations) throws SQLException {
        try (PreparedStatement st = db.prepareStatement("""
                select r.rolname from pg_roles r
                where r.rolname <> ? and pg_has_role(?, r.oid, 'MEMBER')
                  and (r.rolsuper or r.rolbypassrls or r.rolname = ?
                       or exists (select 1 from pg_class c where c.relowner = r.oid
                                  and c.relnamespace = to_regnamespace(current_schema())))
                order by 1
                """)) {
            st.setString(1, appRole);
            st.setString(2, appRole);
            st.setString(3, jobsRole);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    violations.add("role " + appRole + " (application) is a member of " + rs.getString(1));
                }
            }
        }
    }

    private void definerFunctions(Connection db, List<String> violations) throws SQLException {
        try (PreparedStatement st = db.prepareStatement("""
                select p.proname, r.rolname,
                       exists (select 1 from unnest(coalesce(p.proconfig, '{}')) c where c like 'search_path=%')
                from pg_proc p join pg_namespace n on n.oid = p.pronamespace join pg_roles r on r.oid = p.proowner
                where n.nspname = current_schema() and p.prosecdef
                order by 1
                """)) {
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    if (!rs.getString(2).equals(jobsRole)) {
                        violations.add("function " + rs.getString(1) + ": SECURITY DEFINER but owned by "
                                + rs.getString(2) + ", not the jobs role " + jobsRole);
                    }
                    if (!rs.getBoolean(3)) {
                        violations.add(
                                "function " + rs.getString(1) + ": SECURITY DEFINER without a fixed search_path");
                    }
                }
            }
        }
    }

    private interface RowHandler {
        void accept(ResultSet rs) throws SQLException;
    }

    private static void query(Connection db, String sql, RowHandler handler) throws SQLException {
        try (PreparedStatement st = db.prepareStatement(sql);
                ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                handler.accept(rs);
            }
        }
    }
}
