package io.comply360.document;

import static io.comply360.platform.testkit.TestTokens.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.comply360.platform.testkit.TestDatabase;
import io.comply360.platform.testkit.TestTenant;
import io.comply360.platform.testkit.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** An agency's people, uploads through the API, waiting for a document's decision, and what the service stored. */
public final class Fixtures {

    public static final ObjectMapper JSON = new ObjectMapper();
    public static final Set<String> TERMINAL = Set.of("VERIFIED", "NEEDS_REVIEW", "REJECTED", "FAILED");

    private Fixtures() {}

    public record Agency(TestTenant tenant, String admin, String agent, String assistant) {}

    public static Agency agency() {
        TestTenant tenant = TestTenant.create();
        return new Agency(
                tenant, token(tenant, "tenant_admin"), token(tenant, "agent"), token(tenant, "agent_assistant"));
    }

    private static String token(TestTenant tenant, String role) {
        return TestTokens.builder()
                .subject(UUID.randomUUID().toString())
                .roles(role)
                .tenant(tenant.id())
                .build();
    }

    /** A multipart upload of {@code bytes} for a slot. */
    public static Response upload(
            String token,
            byte[] bytes,
            String fileName,
            String contentType,
            UUID registrationId,
            String type,
            UUID person) {
        RequestSpecification request = as(token)
                .multiPart("file", fileName, bytes, contentType)
                .multiPart("registrationId", registrationId.toString())
                .multiPart("documentType", type);
        if (person != null) {
            request = request.multiPart("personId", person.toString());
        }
        return request.post("/api/v1/documents");
    }

    /** Starts a presigned upload of an {@code id_copy} for a person of a filing. */
    public static Response startUpload(
            String token, UUID registrationId, UUID person, String fileName, String contentType, long sizeBytes) {
        return as(token)
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "registrationId",
                        registrationId.toString(),
                        "documentType",
                        "id_copy",
                        "personId",
                        person.toString(),
                        "fileName",
                        fileName,
                        "contentType",
                        contentType,
                        "sizeBytes",
                        sizeBytes))
                .post("/api/v1/documents/uploads");
    }

    /** Uploads and answers the new document's id (the upload must succeed). */
    public static String uploaded(
            String token,
            byte[] bytes,
            String fileName,
            String contentType,
            UUID registrationId,
            String type,
            UUID person) {
        Response response = upload(token, bytes, fileName, contentType, registrationId, type, person);
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(201);
        return response.jsonPath().getString("id");
    }

    /** The document once the worker has decided it. */
    public static JsonNode decided(String token, String id) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    last[0] = read(as(token).get("/api/v1/documents/" + id).asString());
                    return TERMINAL.contains(last[0].path("status").asText());
                });
        return last[0];
    }

    /** The events the service wrote to its outbox about a document, oldest first. */
    public static List<JsonNode> events(String documentId) {
        return query(
                "select payload::text from outbox where payload->>'subject' = ? order by created_at, id", documentId);
    }

    public static List<String> eventTypes(String documentId) {
        return events(documentId).stream().map(e -> e.path("type").asText()).toList();
    }

    /** How many rows of {@code table} belong to the tenant (inside its row level security). */
    public static long rows(String table, UUID tenantId) {
        try (Connection db = inTenant(tenantId);
                PreparedStatement st = db.prepareStatement("select count(*) from " + table + " where tenant_id = ?")) {
            st.setObject(1, tenantId);
            try (ResultSet rows = st.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Events in the outbox of the tenant. */
    public static long outboxEvents(UUID tenantId) {
        return query("select payload::text from outbox where payload->>'tenantid' = ?", tenantId.toString())
                .size();
    }

    /** Runs a statement in the tenant's row level security, as the schema's owner (to stage what a crash leaves). */
    public static void sql(UUID tenantId, String statement, Object... parameters) {
        try (Connection db = inTenant(tenantId);
                PreparedStatement st = db.prepareStatement(statement)) {
            for (int i = 0; i < parameters.length; i++) {
                st.setObject(i + 1, parameters[i]);
            }
            st.executeUpdate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Connection inTenant(UUID tenantId) throws java.sql.SQLException {
        Connection db = TestDatabase.asOwner();
        try (PreparedStatement st = db.prepareStatement("select set_config('app.tenant_id', ?, false)")) {
            st.setString(1, tenantId.toString());
            st.execute();
        }
        return db;
    }

    private static List<JsonNode> query(String sql, String parameter) {
        List<JsonNode> events = new ArrayList<>();
        try (Connection db = TestDatabase.asOwner();
                PreparedStatement st = db.prepareStatement(sql)) {
            st.setString(1, parameter);
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

    public static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(json, e);
        }
    }

    /** The fields of a document named {@code name}. */
    public static List<JsonNode> fields(JsonNode document, String name) {
        List<JsonNode> found = new ArrayList<>();
        document.path("fields").forEach(f -> {
            if (f.path("name").asText().equals(name)) {
                found.add(f);
            }
        });
        return found;
    }
}
