package io.comply360.platform.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class RequestIdsTest {

    @Test
    void callersRequestIdIsUsedAndEchoed() {
        var response = given().header("X-Request-Id", "req-12345678").get("/probe/request-id");
        assertThat(response.header("X-Request-Id")).isEqualTo("req-12345678");
        assertThat(response.jsonPath().getString("requestId")).isEqualTo("req-12345678");
    }

    @Test
    void missingRequestIdIsGenerated() {
        var response = given().get("/probe/request-id");
        assertThat(response.header("X-Request-Id")).matches("[0-9a-f-]{36}");
        assertThat(response.jsonPath().getString("requestId")).isEqualTo(response.header("X-Request-Id"));
    }

    @Test
    void unsafeRequestIdIsReplaced() {
        var response = given().header("X-Request-Id", "bad id\u0001<script>").get("/probe/request-id");
        assertThat(response.header("X-Request-Id")).matches("[0-9a-f-]{36}");
    }

    @Test
    void operationalEndpointsCarryARequestIdToo() {
        assertThat(io.comply360.platform.testkit.Management.given()
                        .get("/q/health/live")
                        .header("X-Request-Id"))
                .isNotBlank();
    }

    @Test
    void theW3cTraceIdOfATraceparentGoesIntoTheLogContext() {
        var response = given().header("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
                .get("/probe/request-id");
        assertThat(response.jsonPath().getString("traceId")).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(given().header("traceparent", "garbage")
                        .get("/probe/request-id")
                        .jsonPath()
                        .getString("traceId"))
                .isEmpty();
    }
}
