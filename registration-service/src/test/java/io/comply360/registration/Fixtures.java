package io.comply360.registration;

import static io.comply360.platform.testkit.TestTokens.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.comply360.contracts.document.DocumentEvents;
import io.comply360.platform.broker.EventContract;
import io.comply360.platform.testkit.TestBroker;
import io.comply360.platform.testkit.TestDatabase;
import io.comply360.platform.testkit.TestTenant;
import io.comply360.platform.testkit.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** An agency with its people, clients and filings, set up through the API as its people would. */
public final class Fixtures {

    public static final ObjectMapper JSON = new ObjectMapper();

    private Fixtures() {}

    /** An agency's people: a tenant admin, an agent, a second agent and an assistant, each with a known user id. */
    public record Agency(TestTenant tenant, Person admin, Person agent, Person otherAgent, Person assistant) {}

    public record Person(String id, String token) {}

    public static Agency agency(String... countries) {
        TestTenant tenant = TestTenant.create();
        TenantServiceStub.tenant(
                tenant.id(),
                tenant.slug(),
                countries.length == 0 ? List.of("ZA", "ZW") : List.of(countries),
                TenantServiceStub.TARGETS,
                "Africa/Johannesburg");
        Agency agency = new Agency(
                tenant,
                person(tenant, "tenant_admin"),
                person(tenant, "agent"),
                person(tenant, "agent"),
                person(tenant, "agent_assistant"));
        TenantServiceStub.person(tenant.id(), agency.admin().id(), true, "tenant_admin");
        TenantServiceStub.person(tenant.id(), agency.agent().id(), true, "agent");
        return agency;
    }

    public static Person person(TestTenant tenant, String role) {
        String id = UUID.randomUUID().toString();
        return new Person(
                id,
                TestTokens.builder().subject(id).roles(role).tenant(tenant.id()).build());
    }

    public static String client(String token, String name) {
        Response created = as(token)
                .contentType(ContentType.JSON)
                .body(Map.of("kind", "company", "name", name, "email", "info@example.co.za", "phone", "+27821234567"))
                .post("/api/v1/clients");
        assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
        return created.jsonPath().getString("id");
    }

    public static Response start(String token, String clientId, String country, String type) {
        return as(token)
                .contentType(ContentType.JSON)
                .body(Map.of("clientId", clientId, "country", country, "type", type))
                .post("/api/v1/registrations");
    }

    public static JsonNode definition(String token, String country, String type) {
        Response response = as(token).get("/api/v1/wizards/" + country + "/" + type);
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        return read(response.asString());
    }

    public static Response saveStep(String token, String id, String step, String etag, Object data) {
        var request = as(token).contentType(ContentType.JSON).body(data);
        if (etag != null) {
            request.header("If-Match", etag);
        }
        return request.put("/api/v1/registrations/" + id + "/steps/" + step);
    }

    /** Saves every step of a filing with its definition's example; answers the last response. */
    public static Response fillWithExamples(String token, String id, JsonNode definition) {
        Response last = as(token).get("/api/v1/registrations/" + id);
        for (JsonNode step : definition.path("steps")) {
            last = saveStep(token, id, step.path("id").asText(), last.header("ETag"), step.path("example"));
            assertThat(last.statusCode())
                    .as("saving step %s: %s", step.path("id").asText(), last.asString())
                    .isEqualTo(200);
        }
        return last;
    }

    /** document-service verifies every slot of the filing's checklist against its current data. */
    public static void verifyEveryDocument(Agency agency, String id) {
        JsonNode filing = read(
                as(agency.agent().token()).get("/api/v1/registrations/" + id).asString());
        for (JsonNode slot : filing.path("checklist").path("slots")) {
            decide(
                    agency.tenant().id(),
                    DocumentEvents.VERIFIED,
                    UUID.fromString(id),
                    slot.path("documentType").asText(),
                    slot.path("personId").isNull()
                            ? null
                            : UUID.fromString(slot.path("personId").asText()),
                    1,
                    filing.path("dataVersion").asLong(),
                    null);
        }
        await().atMost(Duration.ofSeconds(30))
                .until(() -> as(agency.agent().token())
                        .get("/api/v1/registrations/" + id)
                        .jsonPath()
                        .getBoolean("checklist.complete"));
    }

    /** A document decision as document-service publishes it, checked against its schema and sent to the broker. */
    public static void decide(
            UUID tenantId,
            EventContract<DocumentEvents.Checked> contract,
            UUID registrationId,
            String documentType,
            UUID personId,
            int documentVersion,
            Long dataVersion,
            String reason) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("documentId", UUID.randomUUID().toString());
        data.put("registrationId", registrationId.toString());
        data.put("documentType", documentType);
        if (personId != null) {
            data.put("personId", personId.toString());
        }
        data.put("documentVersion", documentVersion);
        if (dataVersion != null) {
            data.put("dataVersion", dataVersion);
        }
        if (reason != null) {
            data.put("reason", reason);
        }
        data.put("checkedAt", Instant.now().toString());
        send(
                TestBroker.envelope(
                        tenantId,
                        contract.type().type(),
                        contract.type().dataschema(),
                        registrationId.toString(),
                        data),
                contract.type().exchange());
    }

    /** Publishes an event (valid by its schema, or the test fails) as a producer's relay would. */
    public static void send(ObjectNode event, String exchange) {
        TestBroker.publish(event, exchange);
    }

    /** The events the service wrote to its outbox about a filing, oldest first. */
    public static List<JsonNode> events(String registrationId) {
        List<JsonNode> events = new ArrayList<>();
        try (Connection db = TestDatabase.asOwner();
                PreparedStatement st = db.prepareStatement(
                        "select payload::text from outbox where payload->>'subject' = ? order by created_at, id")) {
            st.setString(1, registrationId);
            try (ResultSet rows = st.executeQuery()) {
                while (rows.next()) {
                    events.add(read(rows.getString(1)));
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return events;
    }

    public static List<String> eventTypes(String registrationId) {
        return events(registrationId).stream().map(e -> e.path("type").asText()).toList();
    }

    public static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
