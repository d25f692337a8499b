package io.comply360.platform.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.comply360.platform.testkit.SchemaConventions;
import io.comply360.platform.testkit.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class SchemaConventionsTest {

    @Test
    void migratedSchemaFollowsTheTenancyConventions() {
        assertThat(SchemaConventions.ofRunningService().violations()).isEmpty();
    }

    @Test
    void eachBrokenRuleIsReported() throws Exception {
        try (Connection owner = TestDatabase.asOwner();
                Statement st = owner.createStatement()) {
            st.execute("drop table if exists bad_children, bad_widgets, undeclared");
            st.execute(
                    "create table bad_widgets (id uuid primary key, tenant_id uuid not null, unique (tenant_id, id))");
            st.execute("select comply360_tenant_table('bad_widgets')");
            st.execute("alter table bad_widgets no force row level security");
            st.execute("create table bad_children (id uuid primary key, tenant_id uuid not null, "
                    + "widget_id uuid references bad_widgets (id))");
            st.execute("select comply360_tenant_table('bad_children')");
            st.execute("create table undeclared (id int)");
            try {
                assertThat(SchemaConventions.ofRunningService().violations())
                        .containsExactlyInAnyOrder(
                                "bad_widgets: tenant table without FORCE ROW LEVEL SECURITY",
                                "bad_children: foreign key bad_children_widget_id_fkey to bad_widgets does not pair tenant_id with tenant_id",
                                "undeclared: declares no table kind (call comply360_tenant_table, comply360_global_table or "
                                        + "comply360_infrastructure_table in its migration)");
            } finally {
                st.execute("drop table bad_children, bad_widgets, undeclared");
            }
        }
    }

    @Test
    void anApplicationRoleThatOwnsATableIsReported() throws Exception {
        try (Connection app = TestDatabase.asApp();
                Statement st = app.createStatement()) {
            st.execute("create temporary table scratch (id int)");
            assertThat(SchemaConventions.ofRunningService().violations())
                    .containsExactly("role platform_app (application) owns table scratch");
        }
    }

    @Test
    void anApplicationRoleThatCanBecomeTheJobsRoleIsReported() {
        // The owner role is a member of the jobs role (dev/test grants it so migrations can hand functions
        // over): taken as if it were the application role, the check must name that membership.
        assertThat(new SchemaConventions(
                                ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class),
                                "platform_owner",
                                "platform_owner",
                                "platform_owner",
                                "platform_jobs")
                        .violations())
                .contains("role platform_owner (application) is a member of platform_jobs");
    }
}
