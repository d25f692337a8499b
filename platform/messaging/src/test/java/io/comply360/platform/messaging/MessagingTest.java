package io.comply360.platform.messaging;

import static io.comply360.platform.testkit.ProblemAssertions.assertProblem;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;

import io.comply360.platform.broker.Broker;
import io.comply360.platform.broker.BrokerConfig;
import io.comply360.platform.broker.BrokerMetrics;
import io.comply360.platform.broker.CloudEvent;
import io.comply360.platform.broker.EventConsumers;
import io.comply360.platform.broker.EventType;
import io.comply360.platform.broker.Headers;
import io.comply360.platform.broker.Topology;
import io.comply360.platform.broker.TopologyApplier;
import io.comply360.platform.data.TenantTransactions;
import io.comply360.platform.testkit.PrivateRabbitMq;
import io.comply360.platform.testkit.PrivateRabbitMqApi;
import io.comply360.platform.testkit.TestOidcServer;
import io.comply360.platform.testkit.TestTokens;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;

/**
 * The messaging mechanism end to end on a private RabbitMQ node (so the broker can be stopped) and the real
 * PostgreSQL: outbox → relay → exchange → queue → consumer with inbox, retries, DLQ and replay.
 */
@QuarkusTest
@QuarkusTestResource(value = TestOidcServer.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PrivateRabbitMq.class, restrictToAnnotatedClass = true)
class MessagingTest {

    private static final String DB_URL = "jdbc:postgresql://127.0.0.1:5432/messaging_test";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    TenantTransactions tx;

    @Inject
    Outbox outbox;

    @Inject
    TestEvents events;

    @Inject
    WidgetHandler handler;

    @Inject
    Broker broker;

    @Inject
    MeterRegistry metrics;

    @Inject
    BrokerMetrics brokerMetrics;

    @Inject
    EventConsumers consumers;

    @Inject
    Retention retention;

    @Inject
    MessagingConfig config;

    @Inject
    BrokerConfig brokerConfig;

    private final UUID tenant = UUID.randomUUID();

    private static com.rabbitmq.client.Connection amqp() throws Exception {
        return TestEvents.amqp();
    }

    static <T> T run(Supplier<Uni<T>> work) {
        return TestEvents.run(work);
    }

    private CloudEvent publish(EventType type, Map<String, Object> data) {
        return events.publish(tenant, type, data);
    }

    private static String unique(String prefix) {
        return TestEvents.unique(prefix);
    }

    private long effects(String name) {
        return events.effects(tenant, name);
    }

    private Object outboxColumn(String eventId, String column) {
        return events.outboxColumn(eventId, column);
    }

    private void awaitBroker() {
        await().atMost(Duration.ofSeconds(60)).until(broker::connected);
    }

    /** Looks through {@code queue} for the message with {@code messageId}, taking it if {@code take}; the rest go back. */
    private static GetResponse find(String queue, String messageId, boolean take) throws Exception {
        try (com.rabbitmq.client.Connection amqp = amqp(); Channel channel = amqp.createChannel()) {
            long depth = channel.messageCount(queue);
            for (long i = 0; i < depth; i++) {
                GetResponse message = channel.basicGet(queue, false);
                if (message != null && messageId.equals(message.getProps().getMessageId())) {
                    if (take) {
                        channel.basicAck(message.getEnvelope().getDeliveryTag(), false);
                    }
                    return message;
                }
            }
        }
        return null;
    }

    private static String admin() {
        return TestEvents.admin();
    }

    private static JsonNode deadLetter(String messageId) {
        return TestEvents.deadLetter(WidgetHandler.QUEUE.name(), messageId);
    }

    @Test
    void eventWrittenInATransactionIsConsumedOnceAndMarkedSent() {
        awaitBroker();
        String name = unique("plain");
        CloudEvent event = publish(WidgetHandler.WIDGET_CREATED, Map.of("name", name));
        await().atMost(Duration.ofSeconds(20)).until(() -> effects(name) == 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> outboxColumn(event.id(), "sent_at") != null);
        assertThat(handler.attempts(name)).isEqualTo(1);
        assertThat(event.tenantid()).isEqualTo(tenant.toString());
        assertThat(event.dataschema()).isEqualTo("widget.created/v1");
        assertThat(event.source()).isEqualTo("/comply360/messaging-test");
        assertThat(event.correlationid()).isNotBlank();
    }

    @Test
    void rolledBackTransactionPublishesNothing() {
        String name = unique("rolled-back");
        String[] id = new String[1];
        try {
            run(() -> tx.inTenant(tenant, () -> outbox.publish(WidgetHandler.WIDGET_CREATED, tenant, "widget",
                    Map.of("name", name)).invoke(e -> id[0] = e.id())
                    .chain(() -> Uni.createFrom().failure(new IllegalStateException("business rule broken")))));
        } catch (IllegalStateException expected) {
            // the state change failed, so its event must not exist
        }
        assertThat(id[0]).isNotNull();
        assertThat(outboxColumn(id[0], "id")).isNull();
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> effects(name) == 0);
    }

    @Test
    void duplicateDeliveriesHaveOneEffect() throws Exception {
        awaitBroker();
        String name = unique("duplicate");
        CloudEvent event = new CloudEvent("1.0", UUID.randomUUID().toString(), "widget.created", "/comply360/test",
                "2026-11-25T10:00:00Z", "widget", "widget.created/v1", "application/json", tenant.toString(), "corr-1",
                JSON.valueToTree(Map.of("name", name)));
        byte[] body = JSON.writeValueAsBytes(event);
        try (com.rabbitmq.client.Connection amqp = amqp(); Channel channel = amqp.createChannel()) {
            channel.confirmSelect();
            AMQP.BasicProperties props = new AMQP.BasicProperties.Builder().messageId(event.id()).build();
            channel.basicPublish(Topology.TENANT_EVENTS, "widget.created", props, body);
            channel.basicPublish(Topology.TENANT_EVENTS, "widget.created", props, body);
            channel.waitForConfirmsOrDie(5000);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> effects(name) == 1);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> effects(name) == 1);
        assertThat(handler.attempts(name)).isEqualTo(1);
    }

    @Test
    void transientFailuresAreRetriedThenApplyOnce() {
        awaitBroker();
        String name = unique("flaky");
        publish(WidgetHandler.WIDGET_CREATED, Map.of("name", name, "failTimes", 2));
        await().atMost(Duration.ofSeconds(30)).until(() -> effects(name) == 1);
        assertThat(handler.attempts(name)).isEqualTo(3);
    }

    @Test
    void poisonMessageWalksGrowingRetriesIntoTheDlqAndReplayAfterAFixAppliesItOnce() {
        awaitBroker();
        String name = unique("poison");
        CloudEvent event = publish(WidgetHandler.WIDGET_CREATED, Map.of("name", name, "poison", true));

        await().atMost(Duration.ofSeconds(30)).until(() -> deadLetter(event.id()) != null);
        List<Long> times = handler.attemptTimes(name);
        assertThat(times).hasSize(3);
        long firstGap = Duration.ofNanos(times.get(1) - times.get(0)).toMillis();
        long secondGap = Duration.ofNanos(times.get(2) - times.get(1)).toMillis();
        assertThat(firstGap).isBetween(900L, 5000L);
        assertThat(secondGap).isGreaterThan(firstGap).isGreaterThanOrEqualTo(1900L);
        JsonNode letter = deadLetter(event.id());
        assertThat(letter.path("reason").asText()).isEqualTo("handler_failed");
        assertThat(letter.path("error").asText()).contains("is poison");
        assertThat(letter.path("attempts").asInt()).isEqualTo(3);
        assertThat(letter.path("originalExchange").asText()).isEqualTo(Topology.TENANT_EVENTS);
        assertThat(letter.path("originalRoutingKey").asText()).isEqualTo("widget.created");
        assertThat(letter.path("event").path("id").asText()).isEqualTo(event.id());
        assertThat(effects(name)).isZero();

        handler.cure(name);
        var replay = given().auth().oauth2(admin()).queryParam("messageId", event.id())
                .post("/internal/dead-letters/platform-test.widgets/replay");
        assertThat(replay.statusCode()).isEqualTo(200);
        assertThat(replay.jsonPath().getInt("replayed")).isEqualTo(1);
        await().atMost(Duration.ofSeconds(20)).until(() -> effects(name) == 1);
        assertThat(deadLetter(event.id())).isNull();
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> effects(name) == 1);
    }

    @Test
    void permanentFailureGoesStraightToTheDlqAndCanBePurged() {
        awaitBroker();
        String name = unique("permanent");
        CloudEvent event = publish(WidgetHandler.WIDGET_CREATED, Map.of("name", name, "permanent", true));
        await().atMost(Duration.ofSeconds(20)).until(() -> deadLetter(event.id()) != null);
        assertThat(handler.attempts(name)).isEqualTo(1);
        assertThat(deadLetter(event.id()).path("error").asText()).contains("can never be built");

        var purged = given().auth().oauth2(admin()).delete("/internal/dead-letters/platform-test.widgets");
        assertThat(purged.statusCode()).isEqualTo(200);
        assertThat(purged.jsonPath().getInt("purged")).isGreaterThanOrEqualTo(1);
        assertThat(deadLetter(event.id())).isNull();
    }

    @Test
    void malformedEnvelopeGoesStraightToTheDlq() throws Exception {
        awaitBroker();
        String id = UUID.randomUUID().toString();
        try (com.rabbitmq.client.Connection amqp = amqp(); Channel channel = amqp.createChannel()) {
            channel.confirmSelect();
            channel.basicPublish(Topology.TENANT_EVENTS, "widget.created",
                    new AMQP.BasicProperties.Builder().messageId(id).build(),
                    "{\"specversion\":\"1.0\",\"type\":\"widget.created\"}".getBytes(StandardCharsets.UTF_8));
            channel.waitForConfirmsOrDie(5000);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> deadLetter(id) != null);
        assertThat(deadLetter(id).path("error").asText()).contains("Malformed event envelope").contains("id");
        assertThat(deadLetter(id).path("attempts").asInt()).isEqualTo(1);
    }

    @Test
    void eventNoQueueIsBoundForEndsInTheUnroutedQueue() throws Exception {
        awaitBroker();
        CloudEvent event = publish(WidgetHandler.NOBODY_LISTENS, Map.of("name", unique("stray")));
        GetResponse[] found = new GetResponse[1];
        await().atMost(Duration.ofSeconds(20)).until(() -> (found[0] = find(Topology.UNROUTED, event.id(), true)) != null);
        assertThat(found[0].getEnvelope().getRoutingKey()).isEqualTo("nobody.listens");
    }

    @Test
    void eventPublishedBeforeItsConsumerEverRanWaitsInItsQueueAndIsAppliedOnceWhenTheConsumerStarts() throws Exception {
        awaitBroker();
        String queue = Topology.NOTIFICATION_TENANT_EVENTS.name();
        String name = unique("early");
        // This application declares the whole topology but runs no consumer of notification.tenant-events yet.
        CloudEvent event = publish(new EventType(Topology.TENANT_EVENTS, "tenant.provisioned", 1), Map.of("name", name));
        GetResponse[] waiting = new GetResponse[1];
        await().atMost(Duration.ofSeconds(20)).until(() -> (waiting[0] = find(queue, event.id(), false)) != null);
        assertThat(JSON.readTree(waiting[0].getBody()).path("id").asText()).isEqualTo(event.id());
        assertThat(effects(name)).isZero();

        consumers.subscribe(new LateHandler(queue));
        await().atMost(Duration.ofSeconds(20)).until(() -> effects(name) == 1);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> effects(name) == 1);
    }

    @Test
    void aSubscriptionTheBrokerRefusesIsRetriedUntilItHolds() throws Exception {
        awaitBroker();
        String queue = LateHandler.QUEUE.name();
        try (com.rabbitmq.client.Connection amqp = amqp(); Channel channel = amqp.createChannel()) {
            // The queue is missing (its topology failed, an operator deleted it): the broker refuses the subscription.
            channel.queueDelete(queue);
            consumers.subscribe(new LateHandler(queue));
            // Not a wait for a condition: the queue stays missing long enough for the first attempts to be refused.
            Thread.sleep(1500);
            // It comes back (the next topology run); the subscription, tried again meanwhile, now holds.
            channel.queueDeclare(queue, true, false, false, TopologyApplier.QUEUE_ARGUMENTS);
            channel.queueBind(queue, LateHandler.QUEUE.exchange(), LateHandler.QUEUE.bindingKeys().get(0));
            await().atMost(Duration.ofSeconds(30)).until(() -> channel.consumerCount(queue) == 1);
        }
        String name = unique("refused");
        publish(LateHandler.LATE_WIDGET, Map.of("name", name));
        await().atMost(Duration.ofSeconds(30)).until(() -> effects(name) == 1);
    }

    private double topologyApplied() {
        return metrics.get("comply360.messaging.topology.applied").gauge().value();
    }

    @Test
    void policiesTheManagementApiRefusedAreRetriedUntilItAcceptsThem() throws Exception {
        awaitBroker();
        await().atMost(Duration.ofSeconds(30)).until(() -> topologyApplied() == 1);
        PrivateRabbitMqApi admin = PrivateRabbitMqApi.admin();
        String policy = "/api/policies/%2F/comply360-alternate-exchange";
        admin.delete(policy);
        try {
            // The management API refuses the service's user; AMQP still works, so the reconnect succeeds.
            admin.put("/api/users/guest", Map.of("password", "guest", "tags", ""));
            admin.closeAllConnections();
            await().atMost(Duration.ofSeconds(30)).until(() -> topologyApplied() == 0);
            assertThat(admin.get(policy)).isNull();
        } finally {
            admin.put("/api/users/guest", Map.of("password", "guest", "tags", "administrator"));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> topologyApplied() == 1);
        assertThat(admin.get(policy).path("definition").path("alternate-exchange").asText()).isEqualTo(Topology.UNROUTED);
    }

    @Test
    void brokerDownWhenTheEventIsWrittenDeliversItOnceAfterItReturns() {
        awaitBroker();
        String name = unique("outage");
        PrivateRabbitMq.stopBroker();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> !broker.connected());
            CloudEvent event = publish(WidgetHandler.WIDGET_CREATED, Map.of("name", name));
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
                    .until(() -> outboxColumn(event.id(), "sent_at") == null);
        } finally {
            PrivateRabbitMq.startBroker();
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> effects(name) == 1);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> effects(name) == 1);
    }

    @Test
    void relayDyingBetweenPublishAndMarkSentRepublishesAndTheInboxAbsorbsTheDuplicate() throws Exception {
        awaitBroker();
        double duplicatesBefore = duplicates();
        try (Connection owner = DriverManager.getConnection(DB_URL, "messaging_owner", "messaging_owner");
                Statement st = owner.createStatement()) {
            // The first attempt to mark rows sent fails, as if the relay died right after the broker's confirm.
            // Leftovers of a run killed mid-test are dropped first.
            st.execute("drop sequence if exists relay_crash; create sequence relay_crash");
            st.execute("grant usage on sequence relay_crash to messaging_app");
            st.execute("""
                    create or replace function relay_crash() returns trigger language plpgsql as $$
                    begin
                        if nextval('relay_crash') = 1 then raise exception 'relay died before marking sent'; end if;
                        return new;
                    end $$""");
            st.execute("drop trigger if exists relay_crash on outbox");
            st.execute("create trigger relay_crash before update of sent_at on outbox for each row "
                    + "when (new.sent_at is not null) execute function relay_crash()");
            try {
                String name = unique("crash");
                CloudEvent event = publish(WidgetHandler.WIDGET_CREATED, Map.of("name", name));
                await().atMost(Duration.ofSeconds(30)).until(() -> outboxColumn(event.id(), "sent_at") != null);
                await().atMost(Duration.ofSeconds(20)).until(() -> duplicates() > duplicatesBefore);
                assertThat(effects(name)).isEqualTo(1);
                assertThat(handler.attempts(name)).isEqualTo(1);
            } finally {
                st.execute("drop trigger relay_crash on outbox; drop function relay_crash(); drop sequence relay_crash");
            }
        }
    }

    private double duplicates() {
        var counter = metrics.find("comply360.events.consumed").tag("queue", "platform-test.widgets")
                .tag("outcome", "duplicate").counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void consumerDyingMidEffectGetsTheEventAgainAndAppliesItOnce() {
        awaitBroker();
        String name = unique("dies");
        publish(WidgetHandler.WIDGET_CREATED, Map.of("name", name, "dieOnce", true));
        await().atMost(Duration.ofSeconds(60)).until(() -> effects(name) == 1);
        assertThat(handler.attempts(name)).isEqualTo(2);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> effects(name) == 1);
    }

    @Test
    void deadLetterToolsAreForOperatorsAndServicesOnly() {
        assertProblem(given().get("/internal/dead-letters/platform-test.widgets"), 401);
        assertProblem(given().auth().oauth2(TestTokens.token("tenant_admin", tenant))
                .get("/internal/dead-letters/platform-test.widgets"), 403);
        assertThat(given().auth().oauth2(TestTokens.token("service", null))
                .get("/internal/dead-letters/platform-test.widgets").statusCode()).isEqualTo(200);
        assertProblem(given().auth().oauth2(admin()).get("/internal/dead-letters/no-such-queue"), 404);
    }

    @Test
    void brokerConnectionOutboxLagAndQueueDepthsAreMetrics() {
        awaitBroker();
        CloudEvent event = publish(WidgetHandler.WIDGET_CREATED, Map.of("name", unique("metrics")));
        await().atMost(Duration.ofSeconds(20)).until(() -> outboxColumn(event.id(), "sent_at") != null);
        brokerMetrics.refresh();
        String scrape = io.comply360.platform.testkit.Management.given().get("/q/metrics").asString();
        assertThat(scrape).contains("comply360_broker_connected 1.0", "comply360_messaging_topology_applied 1.0",
                "comply360_outbox_pending",
                "comply360_outbox_lag_seconds")
                .containsPattern("comply360_queue_messages\\{queue=\"platform-test\\.widgets\\.dlq\"}")
                .containsPattern("comply360_events_consumed_total\\{outcome=\"processed\",queue=\"platform-test\\.widgets\"}");
    }

    @Test
    void replayingAllDeadLettersAppliesEachFixedEventOnce() {
        awaitBroker();
        List<String> names = List.of(unique("replay-all"), unique("replay-all"));
        List<CloudEvent> events = names.stream()
                .map(name -> publish(WidgetHandler.WIDGET_CREATED, Map.of("name", name, "permanent", true))).toList();
        await().atMost(Duration.ofSeconds(20)).until(() -> events.stream().allMatch(e -> deadLetter(e.id()) != null));
        names.forEach(handler::cure);

        var replay = given().auth().oauth2(admin()).post("/internal/dead-letters/platform-test.widgets/replay");
        assertThat(replay.statusCode()).isEqualTo(200);
        assertThat(replay.jsonPath().getInt("replayed")).isGreaterThanOrEqualTo(2);
        await().atMost(Duration.ofSeconds(20)).until(() -> names.stream().allMatch(name -> effects(name) == 1));
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2))
                .until(() -> names.stream().allMatch(name -> effects(name) == 1));
        for (int i = 0; i < names.size(); i++) {
            assertThat(deadLetter(events.get(i).id())).isNull();
            assertThat(handler.attempts(names.get(i))).as("dead-lettered once, applied on replay").isEqualTo(2);
        }
    }

    private static void age(Connection db, String sql, Duration by, String id) throws SQLException {
        try (PreparedStatement st = db.prepareStatement(sql)) {
            st.setLong(1, by.toSeconds());
            st.setObject(2, id);
            assertThat(st.executeUpdate()).isEqualTo(1);
        }
    }

    private static boolean exists(PreparedStatement query) throws SQLException {
        try (ResultSet rs = query.executeQuery()) {
            return rs.next();
        }
    }

    private static boolean inInbox(Connection db, String eventId) throws SQLException {
        try (PreparedStatement st = db.prepareStatement("select 1 from inbox where consumer = ? and event_id = ?")) {
            st.setString(1, WidgetHandler.QUEUE.name());
            st.setString(2, eventId);
            return exists(st);
        }
    }

    @Test
    void inboxOutlivesDeadLettersSoAReplayAfterTheirTtlIsStillADuplicateAndOlderRowsArePurged() throws Exception {
        awaitBroker();
        String replayed = unique("kept");
        String old = unique("purged");
        CloudEvent replayedEvent = publish(WidgetHandler.WIDGET_CREATED, Map.of("name", replayed));
        CloudEvent oldEvent = publish(WidgetHandler.WIDGET_CREATED, Map.of("name", old));
        await().atMost(Duration.ofSeconds(20)).until(() -> effects(replayed) == 1 && effects(old) == 1);

        // Applied longer ago than a dead letter can live (retry steps + DLQ TTL), but within keep-inbox.
        Duration deadLetterLife = brokerConfig.retryDelays().stream().reduce(brokerConfig.deadLetterTtl(), Duration::plus);
        String ageInbox = "update inbox set processed_at = processed_at - make_interval(secs => ?) where event_id = ?";
        try (Connection db = DriverManager.getConnection(DB_URL, "messaging_app", "messaging_app")) {
            age(db, ageInbox, deadLetterLife.plusHours(1), replayedEvent.id());
            age(db, ageInbox, config.keepInbox().plusHours(1), oldEvent.id());
            assertThat(retention.purgeInbox()).isGreaterThanOrEqualTo(1);
            assertThat(inInbox(db, replayedEvent.id())).isTrue();
            assertThat(inInbox(db, oldEvent.id())).isFalse();
        }

        // A copy of the applied event dead-lettered at that time and replayed only now, just before it expires.
        Map<String, Object> headers = Map.of(Headers.ORIGINAL_EXCHANGE, Topology.TENANT_EVENTS,
                Headers.ORIGINAL_ROUTING_KEY, "widget.created", Headers.TENANT_ID, tenant.toString());
        try (com.rabbitmq.client.Connection amqp = amqp(); Channel channel = amqp.createChannel()) {
            channel.confirmSelect();
            channel.basicPublish("", WidgetHandler.QUEUE.dlq(), new AMQP.BasicProperties.Builder()
                    .messageId(replayedEvent.id()).type("widget.created").headers(headers).build(),
                    JSON.writeValueAsBytes(replayedEvent));
            channel.waitForConfirmsOrDie(5000);
        }
        double duplicatesBefore = duplicates();
        var replay = given().auth().oauth2(admin()).queryParam("messageId", replayedEvent.id())
                .post("/internal/dead-letters/platform-test.widgets/replay");
        assertThat(replay.jsonPath().getInt("replayed")).isEqualTo(1);
        await().atMost(Duration.ofSeconds(20)).until(() -> duplicates() > duplicatesBefore);
        assertThat(effects(replayed)).isEqualTo(1);
    }

    @Test
    void sentOutboxRowsAreDeletedAfterKeepSent() throws Exception {
        awaitBroker();
        CloudEvent recent = publish(WidgetHandler.WIDGET_CREATED, Map.of("name", unique("recent")));
        CloudEvent old = publish(WidgetHandler.WIDGET_CREATED, Map.of("name", unique("old")));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> outboxColumn(recent.id(), "sent_at") != null && outboxColumn(old.id(), "sent_at") != null);
        String ageSent = "update outbox set sent_at = sent_at - make_interval(secs => ?) where id = ?::uuid";
        try (Connection db = DriverManager.getConnection(DB_URL, "messaging_app", "messaging_app")) {
            age(db, ageSent, config.relay().keepSent().minusHours(1), recent.id());
            age(db, ageSent, config.relay().keepSent().plusHours(1), old.id());
        }
        assertThat(retention.purgeSentOutbox()).isGreaterThanOrEqualTo(1);
        assertThat(outboxColumn(recent.id(), "id")).isNotNull();
        assertThat(outboxColumn(old.id(), "id")).isNull();
    }

    @Test
    void medianWriteToConsumeLatencyIsUnder100Milliseconds() throws Exception {
        awaitBroker();
        int events = 200;
        List<Long> latenciesMicros = new ArrayList<>();
        try (Connection db = DriverManager.getConnection(DB_URL, "messaging_app", "messaging_app");
                PreparedStatement applied = db.prepareStatement(
                        "select 1 from inbox where consumer = ? and event_id = ?")) {
            applied.setString(1, WidgetHandler.QUEUE.name());
            for (int i = 0; i < events; i++) {
                CloudEvent event = publish(WidgetHandler.WIDGET_CREATED, Map.of("name", unique("latency")));
                long committed = System.nanoTime();
                applied.setString(2, event.id());
                long[] consumed = new long[1];
                // The inbox row commits with the consumer's effect: another connection sees it only after that commit.
                await().pollInSameThread().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1))
                        .atMost(Duration.ofSeconds(10)).until(() -> {
                            boolean seen = exists(applied);
                            consumed[0] = System.nanoTime();
                            return seen;
                        });
                latenciesMicros.add((consumed[0] - committed) / 1000);
            }
        }
        Collections.sort(latenciesMicros);
        long median = latenciesMicros.get(events / 2);
        long p95 = latenciesMicros.get(events * 95 / 100);
        String report = "write->consume latency over %d events: median %.1f ms, p95 %.1f ms, max %.1f ms%n"
                .formatted(events, median / 1000.0, p95 / 1000.0, latenciesMicros.get(events - 1) / 1000.0);
        Path out = Path.of("target", "benchmarks", "messaging-latency.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        System.out.print(report);
        assertThat(median).as("median write->consume latency in microseconds").isLessThan(100_000);
    }
}
