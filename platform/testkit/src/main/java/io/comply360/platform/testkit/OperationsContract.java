package io.comply360.platform.testkit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * What every service's operations promise (docs/architecture.md → Cross-cutting rules). A service's
 * {@code OperationsTest} extends this, is a {@code @QuarkusTest}, and names its public paths.
 */
public abstract class OperationsContract {

    /** The service's public API paths; the first must answer 401 without a token. */
    protected abstract String[] publicPaths();

    @Test
    void schemaFollowsTheTenancyConventions() {
        assertThat(SchemaConventions.ofRunningService().violations()).isEmpty();
    }

    @Test
    void readinessIsTheServicesOwnDatabase() {
        var response = Management.given().get("/q/health/ready");
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        assertThat(response.jsonPath().getString("status")).isEqualTo("UP");
        assertThat(response.jsonPath().getList("checks.name")).containsExactly("database");
    }

    @Test
    void livenessIsUp() {
        assertThat(Management.given().get("/q/health/live").statusCode()).isEqualTo(200);
    }

    @Test
    void prometheusMetricsCountApiRequestsPerRouteAndStatus() {
        String path = publicPaths()[0];
        given().get(path);
        assertThat(Management.given().get("/q/metrics").asString())
                .containsPattern("http_server_requests_seconds_count\\{[^}]*status=\"401\"[^}]*uri=\"" + path + "\"");
    }

    @Test
    void openApiDescribesThePublicApiAndSwaggerUiIsServed() {
        assertThat(Management.given()
                        .queryParam("format", "json")
                        .get("/q/openapi")
                        .asString())
                .contains(publicPaths());
        assertThat(Management.given().get("/q/swagger-ui/").statusCode()).isEqualTo(200);
    }

    @Test
    void operationalEndpointsAreNotServedOnTheApiPort() {
        for (String path :
                new String[] {"/q/metrics", "/q/openapi", "/q/swagger-ui/", "/q/health", "/q/health/ready"}) {
            assertThat(given().get(path).statusCode())
                    .as(path + " on the API port")
                    .isEqualTo(404);
        }
    }
}
