package io.comply360.platform.messaging.internal;

import static io.comply360.platform.messaging.internal.TestEvents.unique;
import static io.comply360.platform.testkit.TestTokens.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;

import io.comply360.platform.broker.CloudEvent;
import io.comply360.platform.broker.EventType;
import io.comply360.platform.broker.Topology;
import io.comply360.platform.broker.internal.Broker;
import io.comply360.platform.broker.internal.TopologyApplier;
import io.comply360.platform.testkit.PrivateRabbitMq;
import io.comply360.platform.testkit.PrivateRabbitMqApi;
import io.comply360.platform.testkit.RoleMatrixRunner;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The relay facing a row the broker always refuses (its exchange renamed between deploys), on a private RabbitMQ
 * node: the rows behind it flow and are sent once, the bad row backs off and is parked after
 * {@code comply360.messaging.relay.max-attempts} (3 here), and the operator's retry sends it once its exchange exists.
 */
@QuarkusTest
@QuarkusTestResource(value = PrivateRabbitMq.class, restrictToAnnotatedClass = true)
class OutboxRelayTest {

    /** An exchange this broker does not have: publishing to it closes the channel with 404 NOT_FOUND. */
    private static final EventType RENAMED = new EventType("platform-test.renamed", "widget.created", 1);

    @Inject
    TestEvents events;

    @Inject
    WidgetHandler handler;

    @Inject
    Broker broker;

    @Inject
    MeterRegistry metrics;

    private final UUID tenant = UUID.randomUUID();

    private double duplicates() {
        var counter = metrics.find("comply360.events.consumed")
                .tag("queue", WidgetHandler.QUEUE.name())
                .tag("outcome", "duplicate")
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private static JsonNode parked(String id) throws IOException {
        var response = as(TestEvents.admin()).queryParam("limit", 500).get("/internal/outbox/parked");
        assertThat(response.statusCode()).isEqualTo(200);
        for (JsonNode row : TestEvents.JSON.readTree(response.asString())) {
            if (id.equals(row.path("id").asText())) {
                return row;
            }
        }
        return null;
    }

    private static int retry(String id) {
        var request = as(TestEvents.admin());
        if (id != null) {
            request = request.queryParam("id", id);
        }
        var response = request.post("/internal/outbox/parked/retry");
        assertThat(response.statusCode()).isEqualTo(200);
        return response.jsonPath().getInt("retried");
    }

    @AfterEach
    void discardRowsForTheMissingExchange() {
        events.discardUnsent(RENAMED.exchange());
    }

    @Test
    void aRowTheBrokerRefusesBacksOffAndIsParkedWhileTheRowsBehindItAreSentOnce() throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(broker::connected);
        double duplicatesBefore = duplicates();
        String first = unique("renamed");
        String second = unique("renamed");
        List<String> good = List.of(unique("behind"), unique("behind"), unique("behind"), unique("behind"));
        List<Map.Entry<EventType, Map<String, Object>>> written = new ArrayList<>();
        written.add(Map.entry(RENAMED, Map.of("name", first)));
        good.forEach(name -> written.add(Map.entry(WidgetHandler.WIDGET_CREATED, Map.of("name", name))));
        written.add(Map.entry(RENAMED, Map.of("name", second)));
        // One transaction, so the relay finds the bad rows in the same batch as the good ones.
        List<CloudEvent> rows = events.publishTogether(tenant, written);
        String firstId = rows.get(0).id();
        String secondId = rows.get(rows.size() - 1).id();

        await().atMost(Duration.ofSeconds(15))
                .until(() -> good.stream().allMatch(name -> events.effects(tenant, name) == 1));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> events.outboxColumn(firstId, "parked_at") != null
                        && events.outboxColumn(secondId, "parked_at") != null);
        assertThat(good)
                .allSatisfy(name ->
                        assertThat(handler.attempts(name)).as("sent once").isEqualTo(1));
        assertThat(duplicates()).as("no confirmed row was sent again").isEqualTo(duplicatesBefore);

        assertThat(events.outboxColumn(firstId, "attempts")).isEqualTo(3);
        assertThat(events.outboxColumn(firstId, "sent_at")).isNull();
        Duration parkedAfter =
                Duration.between((OffsetDateTime) events.outboxColumn(firstId, "created_at"), (OffsetDateTime)
                        events.outboxColumn(firstId, "parked_at"));
        assertThat(parkedAfter)
                .as("backed off 0.5 s, then 1 s, between its three attempts")
                .isGreaterThanOrEqualTo(Duration.ofMillis(1500));
        JsonNode row = parked(firstId);
        assertThat(row).isNotNull();
        assertThat(row.path("error").asText()).contains("NOT_FOUND").contains(RENAMED.exchange());
        assertThat(row.path("attempts").asInt()).isEqualTo(3);
        assertThat(row.path("exchange").asText()).isEqualTo(RENAMED.exchange());
        assertThat(row.path("event").path("data").path("name").asText()).isEqualTo(first);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> io.comply360.platform.testkit.Management.given()
                        .get("/q/metrics")
                        .asString()
                        .matches("(?s).*\ncomply360_outbox_parked [1-9].*"));
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(3))
                .until(() -> events.outboxColumn(firstId, "sent_at") == null
                        && events.outboxColumn(firstId, "attempts").equals(3));

        // The exchange is back (the deploy is fixed): the operator retries the parked rows, one, then all.
        try (Connection amqp = TestEvents.amqp();
                Channel channel = amqp.createChannel()) {
            channel.exchangeDeclare(RENAMED.exchange(), BuiltinExchangeType.TOPIC, true);
            channel.exchangeBind(Topology.TENANT_EVENTS, RENAMED.exchange(), "#");
        }
        assertThat(retry(firstId)).isEqualTo(1);
        await().atMost(Duration.ofSeconds(15)).until(() -> events.effects(tenant, first) == 1);
        assertThat(events.outboxColumn(firstId, "sent_at")).isNotNull();
        assertThat(parked(firstId)).isNull();
        assertThat(events.effects(tenant, second)).isZero();

        assertThat(retry(null)).isGreaterThanOrEqualTo(1);
        await().atMost(Duration.ofSeconds(15)).until(() -> events.effects(tenant, second) == 1);
        await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(2))
                .until(() -> events.effects(tenant, first) == 1 && events.effects(tenant, second) == 1);
    }

    @Test
    void aQueueThatRefusesPublishesNacksTheRowWhichStaysAndIsSentAgainOnceTheQueueTakesIt() throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(broker::connected);
        String full = "platform-test.full";
        String policy = "/api/policies/%2F/test-full-queue";
        String name = unique("refused");
        double duplicatesBefore = duplicates();
        CloudEvent event;
        // A second queue bound to the same events is full and overflows by rejecting publishes: the broker nacks
        // the event although the widgets queue took it (a nack means at least one queue refused it).
        try (Connection amqp = TestEvents.amqp();
                Channel channel = amqp.createChannel()) {
            channel.queueDeclare(full, true, false, false, TopologyApplier.QUEUE_ARGUMENTS);
            channel.queueBind(full, Topology.TENANT_EVENTS, WidgetHandler.WIDGET_CREATED.type());
        }
        PrivateRabbitMqApi.GUEST.put(
                policy,
                Map.of(
                        "pattern",
                        "^platform-test\\.full$",
                        "apply-to",
                        "queues",
                        "priority",
                        100,
                        "definition",
                        Map.of("max-length", 1, "overflow", "reject-publish")));
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> "test-full-queue".equals(TestEvents.policyOf(full)));
            TestEvents.fillUntilRefused(full);
            event = events.publish(tenant, WidgetHandler.WIDGET_CREATED, Map.of("name", name));
            await().atMost(Duration.ofSeconds(15))
                    .until(() -> ((Number) events.outboxColumn(event.id(), "attempts")).intValue() >= 1);
            assertThat(events.outboxColumn(event.id(), "sent_at"))
                    .as("a nacked row is not marked sent")
                    .isNull();
            assertThat(events.outboxColumn(event.id(), "last_error").toString()).contains("nacked");
        } finally {
            try (Connection amqp = TestEvents.amqp();
                    Channel channel = amqp.createChannel()) {
                channel.queueDelete(full);
            }
            PrivateRabbitMqApi.GUEST.delete(policy);
        }
        // Nothing refuses it now: the row goes out on its next attempt; the widgets queue's second copy is a
        // duplicate its inbox drops.
        await().atMost(Duration.ofSeconds(20)).until(() -> events.outboxColumn(event.id(), "sent_at") != null);
        await().atMost(Duration.ofSeconds(10)).until(() -> duplicates() > duplicatesBefore);
        assertThat(events.effects(tenant, name)).isEqualTo(1);
    }

    @Test
    void parkedRowToolsAreForOperatorsAndServicesOnly() {
        RoleMatrixRunner.forRoute("GET", "/internal/outbox/parked")
                .run(caller -> as(caller.token()).get("/internal/outbox/parked"));
        // A row that is not parked: allowed callers learn exactly that.
        RoleMatrixRunner.forRoute("POST", "/internal/outbox/parked/retry")
                .successStatus(404)
                .run(caller -> as(caller.token())
                        .queryParam("id", UUID.randomUUID().toString())
                        .post("/internal/outbox/parked/retry"));
        var notAnId = as(TestEvents.admin()).queryParam("id", "not-a-uuid").post("/internal/outbox/parked/retry");
        assertThat(notAnId.statusCode()).isEqualTo(400);
        assertThat(notAnId.contentType()).startsWith("application/problem+json");
    }
}
