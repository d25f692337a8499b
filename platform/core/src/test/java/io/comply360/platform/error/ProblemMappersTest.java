package io.comply360.platform.error;

import static io.comply360.platform.testkit.ProblemAssertions.assertProblem;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.comply360.platform.testkit.TestOidcServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

@QuarkusTest
@QuarkusTestResource(value = TestOidcServer.class, restrictToAnnotatedClass = false)
class ProblemMappersTest {

    private static Response post(String body) {
        return given().contentType(ContentType.JSON).body(body).post("/probe/items");
    }

    @Test
    void validBodyIsAccepted() {
        Response response = post("{\"name\":\"x\",\"count\":1,\"colour\":\"red\",\"countries\":[\"ZA\"]}");
        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.jsonPath().getString("name")).isEqualTo("x");
    }

    @Test
    void malformedJsonIs400() {
        assertProblem(post("{\"name\":"), 400);
    }

    @Test
    void wrongTypeIs400NamingTheField() {
        Response response = post("{\"name\":\"x\",\"count\":\"many\"}");
        assertProblem(response, 400, "count");
        assertThat(response.jsonPath().getString("errors[0].message")).isEqualTo("must be a number");
    }

    @Test
    void unknownEnumValueIs400ListingTheChoices() {
        Response response = post("{\"name\":\"x\",\"colour\":\"blue\"}");
        assertProblem(response, 400, "colour");
        assertThat(response.jsonPath().getString("errors[0].message")).contains("red", "green");
    }

    @Test
    void unknownFieldIs400() {
        assertProblem(post("{\"name\":\"x\",\"colour\":\"red\",\"colur\":\"red\"}"), 400, "colur");
    }

    @Test
    void brokenRulesAre422NamingEveryField() {
        Response response = post("{\"name\":\" \",\"countries\":[\"ZA\",\"zw\",\"MZ\"]}");
        assertProblem(response, 422, "name", "countries", "countries[1]");
    }

    @Test
    void outOfRangeQueryParameterIs422() {
        assertProblem(given().queryParam("limit", 0).get("/probe/items"), 422, "limit");
    }

    @Test
    void listsCarryTheEnvelopeAndTotalCount() {
        Response response = given().queryParam("limit", 10).queryParam("offset", 5).get("/probe/items");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.header("X-Total-Count")).isEqualTo("2");
        assertThat(response.jsonPath().getInt("limit")).isEqualTo(10);
        assertThat(response.jsonPath().getInt("offset")).isEqualTo(5);
        assertThat(response.jsonPath().getList("items")).hasSize(2);
    }

    @Test
    void unknownResourceIs404Problem() {
        assertProblem(given().get("/probe/missing"), 404);
        assertProblem(given().get("/no-such-path"), 404);
    }

    @Test
    void wrongMethodIs405Problem() {
        assertProblem(given().delete("/probe/items"), 405);
    }

    @Test
    void unexpectedFailureIs500WithoutInternals() {
        Response response = given().get("/probe/boom");
        assertProblem(response, 500);
        assertThat(response.asString()).doesNotContain("secret internals").doesNotContain("IllegalStateException");
        assertThat(response.jsonPath().getString("requestId")).isEqualTo(response.header("X-Request-Id"));
    }

    @Test
    void aMissingBodyIs400NotARuleBroken() {
        assertProblem(given().contentType("application/json").post("/probe/items"), 400, "item");
    }
}
