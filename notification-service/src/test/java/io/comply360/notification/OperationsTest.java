package io.comply360.notification;

import org.junit.jupiter.api.Test;

import io.comply360.platform.testkit.OperationalChecks;
import io.comply360.platform.testkit.TestOidcServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(value = TestOidcServer.class, restrictToAnnotatedClass = false)
class OperationsTest {

    @Test
    void schemaFollowsTheTenancyConventions() {
        OperationalChecks.assertSchemaConventions();
    }

    @Test
    void readinessIsTheDatabaseAndLivenessIsUp() {
        OperationalChecks.assertReadinessIsTheDatabase();
        OperationalChecks.assertLive();
    }

    @Test
    void prometheusMetricsCountApiRequestsPerRouteAndStatus() {
        OperationalChecks.assertRequestMetrics("/api/v1/notifications");
    }

    @Test
    void openApiDescribesThePublicApi() {
        OperationalChecks.assertOpenApiDescribes("/api/v1/notifications");
    }
}
