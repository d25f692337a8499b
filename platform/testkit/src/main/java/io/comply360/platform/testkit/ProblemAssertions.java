package io.comply360.platform.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.restassured.response.Response;

/** Assertions on problem+json answers: status, media type, body status, and the fields named. */
public final class ProblemAssertions {

    private ProblemAssertions() {}

    public static void assertProblem(Response response, int status, String... fields) {
        assertThat(response.statusCode())
                .as("status of %s", response.asString())
                .isEqualTo(status);
        assertThat(response.contentType()).as("content type").startsWith("application/problem+json");
        assertThat(response.jsonPath().getInt("status")).isEqualTo(status);
        assertThat(response.jsonPath().getString("type")).startsWith("urn:comply360:problem:");
        assertThat(response.jsonPath().getString("title")).isNotBlank();
        if (fields.length > 0) {
            List<String> named = response.jsonPath().getList("errors.field", String.class);
            assertThat(named).as("fields named in %s", response.asString()).contains(fields);
        }
    }
}
