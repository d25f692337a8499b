package io.comply360.platform.web;

import static io.comply360.platform.testkit.ProblemAssertions.assertProblem;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class VersionsTest {

    @Test
    void currentETagIsAccepted() {
        var response = given().header("If-Match", "\"3\"").put("/probe/versioned");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.header("ETag")).isEqualTo("\"4\"");
    }

    @Test
    void weakAndListedETagsAreAccepted() {
        assertThat(given().header("If-Match", "W/\"3\"").put("/probe/versioned").statusCode())
                .isEqualTo(200);
        assertThat(given().header("If-Match", "\"1\", \"3\"")
                        .put("/probe/versioned")
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void staleETagIs412() {
        assertProblem(given().header("If-Match", "\"2\"").put("/probe/versioned"), 412);
    }

    @Test
    void missingIfMatchIs428() {
        assertProblem(given().put("/probe/versioned"), 428);
    }

    @Test
    void ifMatchAnyOnAnExistingResourceIs428() {
        assertProblem(given().header("If-Match", "*").put("/probe/versioned"), 428);
    }

    @Test
    void ifMatchAnyCreatesAResourceNeverSaved() {
        assertThat(given().header("If-Match", "*").put("/probe/unsaved").statusCode())
                .isEqualTo(200);
    }
}
