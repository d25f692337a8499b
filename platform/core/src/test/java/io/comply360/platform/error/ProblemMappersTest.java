package io.comply360.platform.error;

import static io.comply360.platform.testkit.ProblemAssertions.assertProblem;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

@QuarkusTest
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
        Response response = post("{\"name\":\" \",\"countries\":[\"ZA\",\"zw\"]}");
        assertProblem(response, 422, "name", "countries[1]");
    }

    @Test
    void aListOverItsBoundIsRefusedBeforeItsEntriesAreChecked() {
        assertProblem(post("{\"name\":\"x\",\"countries\":[\"ZA\",\"zw\",\"MZ\"]}"), 422, "countries");
    }

    @Test
    void twentyThousandInvalidMapKeysAreRefusedAtOnceNamingTheMap() {
        StringBuilder body = new StringBuilder("{\"name\":\"x\",\"scores\":{");
        for (int i = 0; i < 20_000; i++) {
            body.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":1");
        }
        String json = body.append("}}").toString();
        assertThat(json.length()).isGreaterThan(200_000);
        long started = System.nanoTime();
        Response response = given().config(quickly())
                .contentType(ContentType.JSON)
                .body(json)
                .post("/probe/items");
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertProblem(response, 422, "scores");
        assertThat(response.jsonPath().getList("errors")).hasSize(1);
        assertThat(response.asString().length()).as("the answer is small").isLessThan(1000);
        assertThat(millis).as("refused without validating 20,000 keys").isLessThan(1000);
    }

    @Test
    void aRequestBreakingHundredsOfRulesGetsABoundedList() {
        StringBuilder tags = new StringBuilder();
        for (int i = 0; i < 400; i++) {
            tags.append(i == 0 ? "" : ",").append("\"T").append(i).append('"');
        }
        Response response = post("{\"name\":\"x\",\"tags\":[" + tags + "]}");
        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.jsonPath().getList("errors")).hasSize(20);
        assertThat(response.jsonPath().getString("detail")).contains("400 rule(s)", "first 20");
    }

    @Test
    void nulControlCharactersAndHalfCharactersAre422NamingTheField() {
        assertProblem(post("{\"name\":\"a\\u0000b\"}"), 422, "name");
        assertProblem(post("{\"name\":\"a\\u0007b\"}"), 422, "name");
        assertProblem(post("{\"name\":\"a\\u009bb\"}"), 422, "name");
        assertProblem(post("{\"name\":\"a\\ud800b\"}"), 422, "name");
        assertProblem(post("{\"name\":\"x\",\"countries\":[\"Z\\u0000\"]}"), 422, "countries[0]");
        Response key = post("{\"name\":\"x\",\"scores\":{\"A\\u0000\":1}}");
        assertProblem(key, 422, "scores.A\\u0000");
        // Tabs and line breaks are text; a real pair of surrogates is one character.
        assertThat(post("{\"name\":\"a\\tb\\nc \\ud83d\\ude00\"}").statusCode()).isEqualTo(201);
    }

    @Test
    void aNameOfOnlyInvisibleCharactersIsBlank() {
        assertProblem(post("{\"name\":\"\\u200b\\u00a0\\u2007\\ufeff\"}"), 422, "name");
        assertProblem(post("{\"name\":\"\\u3164\"}"), 422, "name");
        assertThat(post("{\"name\":\"\\u00a0Nandi\"}").statusCode()).isEqualTo(201);
    }

    @Test
    void aKeyGivenTwiceIs400() {
        Response response = post("{\"name\":\"a\",\"count\":1,\"name\":\"b\"}");
        assertProblem(response, 400);
        assertThat(response.jsonPath().getString("detail")).contains("name");
    }

    @Test
    void aJsonBodyOverTheServicesLimitIs413() {
        String name = "x".repeat(300 * 1024);
        assertProblem(
                given().config(quickly())
                        .contentType(ContentType.JSON)
                        .body("{\"name\":\"" + name + "\"}")
                        .post("/probe/items"),
                413);
    }

    @Test
    void aBodyAnnouncedOverQuarkusOwnLimitIs413AsAProblemNotAnEmptyAnswer() {
        byte[] body = new byte[1024 * 1024 + 1];
        Response response = given().config(quickly())
                .contentType(ContentType.BINARY)
                .body(body)
                .post("/probe/items");
        assertProblem(response, 413, "body");
        assertThat(response.jsonPath().getString("detail")).contains("1.0 MB");
    }

    @Test
    void aQueryParameterWithControlCharactersIs422NamingIt() {
        assertProblem(given().urlEncodingEnabled(false).get("/probe/search?q=a%00b"), 422, "q");
        assertThat(given().queryParam("q", "Nandi Dlamini")
                        .get("/probe/search")
                        .jsonPath()
                        .getString("q"))
                .isEqualTo("Nandi Dlamini");
    }

    private static io.restassured.config.RestAssuredConfig quickly() {
        return io.restassured.config.RestAssuredConfig.config()
                .httpClient(io.restassured.config.HttpClientConfig.httpClientConfig()
                        .setParam("http.socket.timeout", 10_000));
    }

    @Test
    void outOfRangeQueryParameterIs422() {
        assertProblem(given().queryParam("limit", 0).get("/probe/items"), 422, "limit");
    }

    @Test
    void aQueryParameterOfTheWrongTypeIs400NamingIt() {
        Response limit = given().queryParam("limit", "many").get("/probe/items");
        assertProblem(limit, 400, "limit");
        assertThat(limit.jsonPath().getString("errors[0].message")).isEqualTo("must be a whole number");
        assertProblem(given().queryParam("offset", "1e3").get("/probe/items"), 400, "offset");
        assertProblem(given().queryParam("limit", "99999999999").get("/probe/items"), 400, "limit");
        // An empty value is no value: the default.
        assertThat(given().queryParam("limit", "")
                        .get("/probe/items")
                        .jsonPath()
                        .getInt("limit"))
                .isEqualTo(50);

        String typed = "/probe/typed/" + java.util.UUID.randomUUID();
        assertProblem(given().queryParam("count", "ten").get(typed), 400, "count");
        assertProblem(given().queryParam("size", "1.5").get(typed), 400, "size");
        Response exact = given().queryParam("exact", "maybe").get(typed);
        assertProblem(exact, 400, "exact");
        assertThat(exact.jsonPath().getString("errors[0].message")).isEqualTo("must be true or false");
        assertProblem(given().queryParam("owner", "1-2-3-4-5").get(typed), 400, "owner");
        assertProblem(given().queryParam("owner", "not-an-id").get(typed), 400, "owner");
    }

    @Test
    void typedQueryParametersAreReadAndAPathParameterOfTheWrongTypeIsAThingThatDoesNotExist() {
        java.util.UUID id = java.util.UUID.randomUUID();
        java.util.UUID owner = java.util.UUID.randomUUID();
        Response response = given().queryParam("count", "7")
                .queryParam("size", " 12 ")
                .queryParam("exact", "TRUE")
                .queryParam("owner", owner.toString())
                .get("/probe/typed/" + id);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.jsonPath().getString("id")).isEqualTo(id.toString());
        assertThat(response.jsonPath().getInt("count")).isEqualTo(7);
        assertThat(response.jsonPath().getLong("size")).isEqualTo(12L);
        assertThat(response.jsonPath().getBoolean("exact")).isTrue();
        assertThat(response.jsonPath().getString("owner")).isEqualTo(owner.toString());

        Response absent = given().get("/probe/typed/" + id);
        assertThat(absent.statusCode()).as(absent.asString()).isEqualTo(200);
        assertThat(absent.jsonPath().getString("count")).isNull();
        assertThat(absent.jsonPath().getBoolean("exact")).isFalse();

        assertProblem(given().get("/probe/typed/not-an-id"), 404);
    }

    @Test
    void listsCarryTheEnvelopeAndTotalCount() {
        Response response =
                given().queryParam("limit", 10).queryParam("offset", 5).get("/probe/items");
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
