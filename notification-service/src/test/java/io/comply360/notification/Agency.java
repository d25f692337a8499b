package io.comply360.notification;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.comply360.contracts.commission.CommissionEvents;
import io.comply360.contracts.registration.RegistrationEvents;
import io.comply360.platform.broker.EventContract;
import io.comply360.platform.testkit.TestBroker;
import io.comply360.platform.testkit.TestTenant;
import io.comply360.platform.testkit.TestTokens;
import io.restassured.path.json.JsonPath;

/**
 * A test agency as tenant-service and registration-service know it: two tenant admins (Afrikaans and English), an
 * agent with a mobile number, a reviewer who holds cases, an assistant, and a client. Each person's id is their
 * token's subject, so their inbox is theirs.
 */
public final class Agency {

    public final TestTenant tenant = TestTenant.create();
    public final String name = "Acme " + tenant.slug();
    public final String adminEn = "admin-en-" + UUID.randomUUID();
    public final String adminAf = "admin-af-" + UUID.randomUUID();
    public final String agent = "agent-" + UUID.randomUUID();
    public final String reviewer = "reviewer-" + UUID.randomUUID();
    public final String assistant = "assistant-" + UUID.randomUUID();
    public final UUID client = UUID.randomUUID();
    public final String agentPhone = "+2782" + digits(7);
    public final String clientPhone = "+2783" + digits(7);
    public final String adminAfPhone = "+2784" + digits(7);

    public Agency() {
        UUID id = tenant.id();
        Upstreams.agency(id, tenant.slug(), name, "#0a7d3b", "en", null);
        Map<String, Object> en = Upstreams.person(id, adminEn, "Anna", email(adminEn), null, "en", "tenant_admin");
        Map<String, Object> af =
                Upstreams.person(id, adminAf, "Pieter", email(adminAf), adminAfPhone, "af-ZA", "tenant_admin");
        Map<String, Object> reviewerPerson =
                Upstreams.person(id, reviewer, "Rita", email(reviewer), null, "en", "agent");
        Map<String, Object> agentPerson = Upstreams.person(id, agent, "Sipho", email(agent), agentPhone, "en", "agent");
        Upstreams.person(id, assistant, "Ayanda", email(assistant), null, "en", "agent_assistant");
        Upstreams.people(id, "tenant_admin", List.of(en, af));
        Upstreams.people(id, "agent", List.of(agentPerson, reviewerPerson));
        Upstreams.client(id, client, "Karoo Ridge Consulting", "client-" + client + "@example.test", clientPhone, "en");
    }

    public UUID id() {
        return tenant.id();
    }

    public static String email(String userId) {
        return userId + "@example.test";
    }

    public String token(String userId, String role) {
        return TestTokens.builder()
                .subject(userId)
                .roles(role)
                .tenant(tenant.id())
                .build();
    }

    public String adminToken() {
        return token(adminEn, "tenant_admin");
    }

    public String key(String userId) {
        return tenant.id() + ":" + userId;
    }

    public String clientKey() {
        return tenant.id() + ":client:" + client;
    }

    /** Publishes an event of this agency (checked against its schema); its id. */
    public <T extends Record> String publish(EventContract<T> contract, String subject, T data) {
        ObjectNode event = TestBroker.envelope(
                tenant.id(), contract.type().type(), contract.type().dataschema(), subject, data);
        TestBroker.publish(event, contract.type().exchange());
        return event.path("id").asText();
    }

    /**
     * A change of one of this agency's filings as registration-service publishes it: the agent's filing
     * {@code registration} ({@code reference}), now {@code status}, held by {@code assignee}, changed by {@code actor};
     * the event's id.
     */
    public String filingChanged(
            EventContract<RegistrationEvents.Changed> contract,
            UUID registration,
            String reference,
            String status,
            String actor,
            String assignee) {
        return publish(
                contract,
                registration.toString(),
                new RegistrationEvents.Changed(
                        registration,
                        reference,
                        "ZA",
                        "private-company",
                        1,
                        status,
                        "IN_REVIEW",
                        client,
                        agent,
                        assignee,
                        actor,
                        4L,
                        Instant.now()));
    }

    /** A filing of the agent approved by the reviewer (the agent is told in-app and by e-mail); the event's id. */
    public String approved(String reference) {
        return filingChanged(RegistrationEvents.APPROVED, UUID.randomUUID(), reference, "APPROVED", reviewer, reviewer);
    }

    /** The agent's settlement paid (the agent is told in-app, by e-mail and by SMS); the event's id. */
    public String paid(String total) {
        return publish(
                CommissionEvents.PAID,
                UUID.randomUUID().toString(),
                new CommissionEvents.SettlementChanged(
                        UUID.randomUUID(),
                        agent,
                        "ZAR",
                        LocalDate.parse("2026-11-30"),
                        total,
                        5,
                        "PAID",
                        null,
                        Instant.now()));
    }

    /** The message of an event on {@code channel}, once its status is one of {@code statuses}. */
    public Map<String, Object> settled(String eventId, String channel, String... statuses) {
        await().atMost(Duration.ofSeconds(40))
                .until(() -> log(eventId).stream()
                        .anyMatch(m -> channel.equals(m.get("channel"))
                                && List.of(statuses).contains(m.get("status"))));
        return log(eventId).stream()
                .filter(m -> channel.equals(m.get("channel")))
                .findFirst()
                .orElseThrow();
    }

    /** The delivery log's messages of one event, once {@code count} of them are there. */
    public List<Map<String, Object>> messagesOf(String eventId, int count) {
        await().atMost(Duration.ofSeconds(30)).until(() -> log(eventId).size() >= count);
        return log(eventId);
    }

    /** The delivery log's messages of one event, as the API lists them. */
    public List<Map<String, Object>> log(String eventId) {
        JsonPath page = given().auth()
                .oauth2(adminToken())
                .queryParam("limit", 200)
                .get("/api/v1/notification-deliveries")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        List<Map<String, Object>> items = page.getList("items");
        return items.stream()
                .filter(m -> eventId.equals(m.get("sourceEventId")))
                .toList();
    }

    /** One message of the log with its attempts. */
    /** A notification in {@code userId}'s inbox here, as the planner writes one; its id. */
    public UUID notification(String userId) {
        UUID id = UUID.randomUUID();
        TenantSql.run(
                id(),
                "insert into notifications (id, tenant_id, audience_user, kind, workflow, title, body, source_event_id,"
                        + " created_at) values (?, ?, ?, 'notification.requested', 'notification.requested',"
                        + " 'Documents due', 'Please upload them', ?, now())",
                id,
                id(),
                userId,
                UUID.randomUUID().toString());
        return id;
    }

    public JsonPath message(Object id) {
        return given().auth()
                .oauth2(adminToken())
                .get("/api/v1/notification-deliveries/" + id)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static String digits(int n) {
        StringBuilder s = new StringBuilder();
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        for (int i = 0; i < n; i++) {
            s.append(random.nextInt(10));
        }
        return s.toString();
    }
}
