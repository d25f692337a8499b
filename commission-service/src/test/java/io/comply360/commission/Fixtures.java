package io.comply360.commission;

import static io.comply360.platform.testkit.TestTokens.as;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.comply360.contracts.registration.RegistrationEvents;
import io.comply360.platform.testkit.TestBroker;
import io.comply360.platform.testkit.TestDatabase;
import io.comply360.platform.testkit.TestTenant;
import io.comply360.platform.testkit.TestTokens;
import io.restassured.http.ContentType;

/** An agency's people, rate cards, registration events as registration-service publishes them, and stored rows. */
public final class Fixtures {

    public static final ObjectMapper JSON = new ObjectMapper();

    private Fixtures() {}

    /** A person: their user id (the token's subject) and a token. */
    public record Person(String id, String token) {}

    public record Agency(TestTenant tenant, Person admin, Person agent, Person otherAgent, Person assistant) {}

    public static Agency agency() {
        TestTenant tenant = TestTenant.create();
        return new Agency(
                tenant,
                person(tenant, "tenant_admin"),
                person(tenant, "agent"),
                person(tenant, "agent"),
                person(tenant, "agent_assistant"));
    }

    private static Person person(TestTenant tenant, String role) {
        String id = UUID.randomUUID().toString();
        return new Person(
                id,
                TestTokens.builder().subject(id).roles(role).tenant(tenant.id()).build());
    }

    /** A rate line as the API takes it. */
    public static Map<String, Object> line(String country, String type, String fee, Map<String, Object> rule) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("country", country);
        line.put("type", type);
        line.put("professionalFee", new java.math.BigDecimal(fee));
        line.put("agentRule", rule);
        return line;
    }

    public static Map<String, Object> fixed(String amount) {
        return Map.of("kind", "FIXED", "amount", new java.math.BigDecimal(amount));
    }

    public static Map<String, Object> percentage(String percent) {
        return Map.of("kind", "PERCENTAGE", "percent", new java.math.BigDecimal(percent));
    }

    /** Tiers as (from, percent) pairs. */
    public static Map<String, Object> tiers(Object... fromAndPercent) {
        List<Map<String, Object>> tiers = new ArrayList<>();
        for (int i = 0; i < fromAndPercent.length; i += 2) {
            tiers.add(Map.of(
                    "from", fromAndPercent[i], "percent", new java.math.BigDecimal((String) fromAndPercent[i + 1])));
        }
        return Map.of("kind", "TIERED", "tiers", tiers);
    }

    /** Saves a rate card (201) and answers its body. */
    public static JsonNode rateCard(String adminToken, LocalDate from, boolean vat, List<Map<String, Object>> lines) {
        String body = as(adminToken)
                .contentType(ContentType.JSON)
                .body(Map.of("effectiveFrom", from.toString(), "vatRegistered", vat, "lines", lines))
                .post("/api/v1/rate-cards")
                .then()
                .statusCode(201)
                .extract()
                .asString();
        return read(body);
    }

    /** A registration event of {@code type} as registration-service publishes it. */
    public static ObjectNode registrationEvent(
            UUID tenantId,
            String type,
            UUID registrationId,
            String reference,
            String country,
            String filingType,
            String agentId,
            String status,
            long version,
            Instant at) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("registrationId", registrationId.toString());
        data.put("reference", reference);
        data.put("country", country);
        data.put("type", filingType);
        data.put("definitionVersion", 1);
        data.put("status", status);
        data.put("clientId", UUID.randomUUID().toString());
        data.put("agentId", agentId);
        data.put("actorId", agentId);
        data.put("version", version);
        data.put("changedAt", at.toString());
        String dataschema = RegistrationEvents.ALL.stream()
                .filter(c -> c.type().type().equals(type))
                .findFirst()
                .orElseThrow()
                .type()
                .dataschema();
        ObjectNode event = TestBroker.envelope(tenantId, type, dataschema, registrationId.toString(), data);
        event.put("source", "/comply360/registration-service");
        event.put("time", at.toString());
        return event;
    }

    /** Publishes an event (valid by its schema, or the test fails) as a producer's relay would. */
    public static void send(ObjectNode event, String exchange) {
        TestBroker.publish(event, exchange);
    }

    /** The events the service wrote to its outbox with this subject, oldest first. */
    public static List<JsonNode> events(String subject) {
        List<JsonNode> events = new ArrayList<>();
        for (Map<String, Object> row : query(
                "select payload::text as p from outbox where payload->>'subject' = ? order by created_at, id",
                subject)) {
            events.add(read((String) row.get("p")));
        }
        return events;
    }

    /** Rows of a query run as the schema's owner in the tenant's row level security. */
    public static List<Map<String, Object>> rows(UUID tenantId, String sql, Object... parameters) {
        try (Connection db = TestDatabase.asOwner()) {
            try (PreparedStatement st = db.prepareStatement("select set_config('app.tenant_id', ?, false)")) {
                st.setString(1, tenantId.toString());
                st.execute();
            }
            return select(db, sql, parameters);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Map<String, Object>> query(String sql, Object... parameters) {
        try (Connection db = TestDatabase.asOwner()) {
            return select(db, sql, parameters);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Map<String, Object>> select(Connection db, String sql, Object... parameters)
            throws java.sql.SQLException {
        List<Map<String, Object>> out = new ArrayList<>();
        try (PreparedStatement st = db.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                st.setObject(i + 1, parameters[i]);
            }
            if (!st.execute()) {
                return out;
            }
            try (ResultSet rs = st.getResultSet()) {
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int c = 1; c <= rs.getMetaData().getColumnCount(); c++) {
                        row.put(rs.getMetaData().getColumnLabel(c), rs.getObject(c));
                    }
                    out.add(row);
                }
            }
        }
        return out;
    }

    public static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(json, e);
        }
    }
}
