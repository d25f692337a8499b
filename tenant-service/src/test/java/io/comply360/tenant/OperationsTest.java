package io.comply360.tenant;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.comply360.platform.testkit.SchemaConventions;
import io.comply360.platform.testkit.TestOidcServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(value = TestOidcServer.class, restrictToAnnotatedClass = false)
class OperationsTest {

    @Test
    void schemaFollowsTheTenancyConventions() {
        assertThat(SchemaConventions.ofRunningService().violations()).isEmpty();
    }

    @Test
    void readinessReportsTheDatabase() {
        var response = given().get("/q/health/ready");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.jsonPath().getString("status")).isEqualTo("UP");
        assertThat(response.jsonPath().getList("checks.name")).contains("database");
    }

    @Test
    void livenessIsUp() {
        assertThat(given().get("/q/health/live").statusCode()).isEqualTo(200);
    }

    @Test
    void prometheusMetricsCountApiRequestsPerRouteAndStatus() {
        given().get("/api/v1/settings");
        String metrics = given().get("/q/metrics").asString();
        assertThat(metrics).containsPattern(
                "http_server_requests_seconds_count\\{[^}]*status=\"401\"[^}]*uri=\"/api/v1/settings\"");
    }

    @Test
    void openApiDescribesThePublicApi() {
        String openapi = given().queryParam("format", "json").get("/q/openapi").asString();
        assertThat(openapi).contains("/api/v1/settings", "/api/v1/tenants");
        assertThat(given().get("/q/swagger-ui/").statusCode()).isEqualTo(200);
    }
}
