package io.comply360.e2e;

import static io.comply360.platform.testkit.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * commission-service in the running stack: a name reservation goes the whole way (its ID copy read by the OCR
 * worker, review, filing, registration) and registration-service's {@code registration.registered} earns the agent a
 * commission under acme's rate card, with CIPC's R50 passed through — seen through the gateway by the agent, not by
 * another agency, not by an assistant.
 */
class CommissionThroughStackTest {

    private static final String ACME_HOST = "acme.localhost:8080";
    private static final String GLOBEX_HOST = "globex.localhost:8080";
    private static final Set<String> DECIDED = Set.of("VERIFIED", "NEEDS_REVIEW", "REJECTED", "FAILED");

    @RegisterExtension
    static final RunningServices services = new RunningServices();

    private static RequestSpecification at(String host, String token) {
        return services.at(host, token);
    }

    @Test
    void aRegisteredNameReservationEarnsItsAgentACommissionUnderTheAgencysRateCard() throws Exception {
        String agent = LocalStack.userToken("agent@acme.test");
        String admin = LocalStack.userToken("admin@acme.test");
        ensureRateCard(admin);

        // A client and a name reservation filled with the wizard's examples.
        Response client = at(ACME_HOST, agent)
                .contentType(ContentType.JSON)
                .body(Map.of("kind", "person", "name", "Commission Stack Test", "email", "commission@example.co.za"))
                .post("/api/v1/clients");
        assertThat(client.statusCode()).as(client.asString()).isEqualTo(201);
        Response started = at(ACME_HOST, agent)
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "clientId", client.jsonPath().getString("id"), "country", "ZA", "type", "name-reservation"))
                .post("/api/v1/registrations");
        assertThat(started.statusCode()).as(started.asString()).isEqualTo(201);
        String id = started.jsonPath().getString("id");
        JsonNode definition = at(ACME_HOST, agent)
                .get("/api/v1/wizards/ZA/name-reservation")
                .then()
                .statusCode(200)
                .extract()
                .as(JsonNode.class);
        JsonNode applicant = null;
        for (JsonNode step : definition.path("steps")) {
            String etag =
                    at(ACME_HOST, agent).get("/api/v1/registrations/" + id).header("ETag");
            Response saved = at(ACME_HOST, agent)
                    .header("If-Match", etag)
                    .contentType(ContentType.JSON)
                    .body(step.path("example").toString())
                    .put("/api/v1/registrations/" + id + "/steps/"
                            + step.path("id").asText());
            assertThat(saved.statusCode()).as(saved.asString()).isEqualTo(200);
            if (step.path("id").asText().equals("applicant")) {
                applicant = step.path("example");
            }
        }
        assertThat(applicant).isNotNull();

        // The applicant's ID copy: read by the worker; a tenant admin accepts it by hand if the worker did not.
        Response upload = at(ACME_HOST, agent)
                .multiPart(
                        "file",
                        "id-copy.pdf",
                        DocumentsThroughStackTest.textPdf(DocumentsThroughStackTest.idCopy(
                                applicant.path("surname").asText(),
                                applicant.path("firstNames").asText(),
                                applicant.path("idNumber").asText())),
                        "application/pdf")
                .multiPart("registrationId", id)
                .multiPart("documentType", "id_copy")
                .post("/api/v1/documents");
        assertThat(upload.statusCode()).as(upload.asString()).isEqualTo(201);
        String document = upload.jsonPath().getString("id");
        await().atMost(Duration.ofSeconds(60))
                .until(() -> DECIDED.contains(at(ACME_HOST, agent)
                        .get("/api/v1/documents/" + document)
                        .jsonPath()
                        .getString("status")));
        if (!"VERIFIED"
                .equals(at(ACME_HOST, agent)
                        .get("/api/v1/documents/" + document)
                        .jsonPath()
                        .getString("status"))) {
            at(ACME_HOST, admin)
                    .contentType(ContentType.JSON)
                    .body(Map.of("note", "checked against the original"))
                    .post("/api/v1/documents/" + document + "/approve")
                    .then()
                    .statusCode(200);
        }
        await().atMost(Duration.ofSeconds(30))
                .until(() -> at(ACME_HOST, agent)
                        .get("/api/v1/registrations/" + id)
                        .jsonPath()
                        .getBoolean("checklist.complete"));

        // Review, filing and registration.
        act(agent, id, "submit", null, "SUBMITTED");
        act(admin, id, "assign", Map.of(), "IN_REVIEW");
        act(admin, id, "approve", null, "APPROVED");
        act(agent, id, "file", Map.of("registryReference", "9429012345"), "FILED");
        act(agent, id, "register", Map.of("enterpriseNumber", "NR 2026 004711"), "REGISTERED");

        // commission-service heard registration.registered: the agent sees their commission.
        JsonNode[] commission = {null};
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            for (JsonNode k : at(ACME_HOST, agent)
                    .get("/api/v1/commissions?limit=200")
                    .as(JsonNode.class)
                    .path("items")) {
                if (k.path("registrationId").asText().equals(id)) {
                    commission[0] = k;
                    return true;
                }
            }
            return false;
        });
        JsonNode k = commission[0];
        assertThat(k.path("status").asText()).isEqualTo("CALCULATED");
        assertThat(k.path("currency").asText()).isEqualTo("ZAR");
        assertThat(k.path("amount").asText()).isEqualTo("40.00");
        assertThat(k.path("disbursements").asText())
                .as("CIPC's name reservation fee")
                .isEqualTo("50.00");

        String commissionId = k.path("id").asText();
        assertProblem(
                at(GLOBEX_HOST, LocalStack.userToken("admin@globex.test")).get("/api/v1/commissions/" + commissionId),
                404);
        assertThat(at(ACME_HOST, LocalStack.userToken("assistant@acme.test"))
                        .get("/api/v1/commissions")
                        .statusCode())
                .as("assistants never see money")
                .isEqualTo(403);
        assertProblem(at(ACME_HOST, agent).post("/api/v1/commissions/" + commissionId + "/approve"), 403);
        Response approved = at(ACME_HOST, admin).post("/api/v1/commissions/" + commissionId + "/approve");
        assertThat(approved.statusCode()).as(approved.asString()).isEqualTo(200);
        assertThat(approved.jsonPath().getString("status")).isEqualTo("APPROVED");
    }

    /** acme's rate card pays agents R40 a name reservation (the test databases outlive a run: created once). */
    private static void ensureRateCard(String admin) {
        Response current = at(ACME_HOST, admin).get("/api/v1/rate-cards/current");
        if (current.statusCode() == 200) {
            return;
        }
        assertThat(current.statusCode()).as(current.asString()).isEqualTo(404);
        Response created = at(ACME_HOST, admin)
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "effectiveFrom",
                        "2026-01-01",
                        "vatRegistered",
                        true,
                        "lines",
                        List.of(Map.of(
                                "country",
                                "ZA",
                                "type",
                                "name-reservation",
                                "professionalFee",
                                350,
                                "agentRule",
                                Map.of("kind", "FIXED", "amount", 40)))))
                .post("/api/v1/rate-cards");
        assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
    }

    private static void act(String token, String id, String action, Map<String, Object> body, String status) {
        RequestSpecification request = at(ACME_HOST, token);
        if (body != null) {
            request = request.contentType(ContentType.JSON).body(body);
        }
        Response response = request.post("/api/v1/registrations/" + id + "/" + action);
        assertThat(response.statusCode())
                .as(action + ": " + response.asString())
                .isEqualTo(200);
        assertThat(response.jsonPath().getString("status")).isEqualTo(status);
    }
}
