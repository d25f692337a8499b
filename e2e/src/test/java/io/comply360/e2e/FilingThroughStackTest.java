package io.comply360.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * registration-service in the running stack: through the gateway with Keycloak's tokens, and asking the real
 * tenant-service (with its own service account) for the agency's slug and countries.
 */
class FilingThroughStackTest {

    private static final String ACME_HOST = "acme.localhost:8080";
    private static final String GLOBEX_HOST = "globex.localhost:8080";

    @RegisterExtension
    static final RunningServices services = new RunningServices();

    private static RequestSpecification at(String host, String token) {
        return services.at(host, token);
    }

    @Test
    void anAcmeAgentStartsAFilingWithAcmesReferenceAndGlobexCannotSeeIt() throws Exception {
        String agent = LocalStack.userToken("agent@acme.test");
        Response client = at(ACME_HOST, agent)
                .contentType(ContentType.JSON)
                .body(Map.of("kind", "company", "name", "Stack Test Traders", "email", "stack@example.co.za"))
                .post("/api/v1/clients");
        assertThat(client.statusCode()).as(client.asString()).isEqualTo(201);
        String clientId = client.jsonPath().getString("id");

        Response filing = at(ACME_HOST, agent)
                .contentType(ContentType.JSON)
                .body(Map.of("clientId", clientId, "country", "ZA", "type", "name-reservation"))
                .post("/api/v1/registrations");
        assertThat(filing.statusCode()).as(filing.asString()).isEqualTo(201);
        assertThat(filing.jsonPath().getString("reference"))
                .as("the prefix is acme's slug, read from tenant-service")
                .matches("ACME-\\d{4}-\\d{6}");
        assertThat(filing.jsonPath().getString("status")).isEqualTo("DRAFT");

        Response zimbabwe = at(ACME_HOST, agent)
                .contentType(ContentType.JSON)
                .body(Map.of("clientId", clientId, "country", "ZW", "type", "private-company"))
                .post("/api/v1/registrations");
        assertThat(zimbabwe.statusCode()).as("acme files in South Africa only").isEqualTo(422);
        assertThat(zimbabwe.jsonPath().getString("errors[0].field")).isEqualTo("country");

        String id = filing.jsonPath().getString("id");
        Response foreign =
                at(GLOBEX_HOST, LocalStack.userToken("agent@globex.test")).get("/api/v1/registrations/" + id);
        assertThat(foreign.statusCode()).isEqualTo(404);
        assertThat(at(ACME_HOST, LocalStack.userToken("assistant@acme.test"))
                        .post("/api/v1/registrations/" + id + "/submit")
                        .statusCode())
                .as("assistants prepare, agents submit: the gateway's role matrix")
                .isEqualTo(403);
    }
}
