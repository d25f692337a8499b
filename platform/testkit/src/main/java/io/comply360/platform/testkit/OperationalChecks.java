package io.comply360.platform.testkit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** What every service's operations promise (ARCHITECTURE.md → Cross-cutting rules), as reusable assertions. */
public final class OperationalChecks {

    private OperationalChecks() {
    }

    /** Readiness is UP and consists of the service's own database. */
    public static void assertReadinessIsTheDatabase() {
        var response = given().get("/q/health/ready");
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        assertThat(response.jsonPath().getString("status")).isEqualTo("UP");
        assertThat(response.jsonPath().getList("checks.name")).containsExactly("database");
    }

    public static void assertLive() {
        assertThat(given().get("/q/health/live").statusCode()).isEqualTo(200);
    }

    /** Prometheus metrics count API requests per route and status ({@code path} answers 401 without a token). */
    public static void assertRequestMetrics(String path) {
        given().get(path);
        String metrics = given().get("/q/metrics").asString();
        assertThat(metrics).containsPattern(
                "http_server_requests_seconds_count\\{[^}]*status=\"401\"[^}]*uri=\"" + path + "\"");
    }

    /** OpenAPI lists the service's public paths, and Swagger UI is served. */
    public static void assertOpenApiDescribes(String... paths) {
        String openapi = given().queryParam("format", "json").get("/q/openapi").asString();
        assertThat(openapi).contains(paths);
        assertThat(given().get("/q/swagger-ui/").statusCode()).isEqualTo(200);
    }

    /** The schema follows the tenancy conventions (see {@link SchemaConventions}). */
    public static void assertSchemaConventions() {
        assertThat(SchemaConventions.ofRunningService().violations()).isEmpty();
    }
}
