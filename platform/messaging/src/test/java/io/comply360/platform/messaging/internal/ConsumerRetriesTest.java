package io.comply360.platform.messaging.internal;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;

import io.comply360.platform.broker.CloudEvent;
import io.comply360.platform.broker.Topology;
import io.comply360.platform.broker.internal.Headers;
import io.comply360.platform.broker.internal.TopologyApplier;
import io.comply360.platform.testkit.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** Consumers with the inbox: duplicates have one effect, transient failures are retried, a consumer dying mid-effect gets the event again, an event waits for its first consumer, refused subscriptions are retried, inbox retention outlives dead letters. */
@QuarkusTest
@TestProfile(OwnBrokerNode.class)
class ConsumerRetriesTest extends MessagingCase {

    @Test
    void duplicateDeliveriesHaveOneEffect() throws Exception {
        awaitBroker();
        String name = unique("duplicate");
        CloudEvent event = new CloudEvent(
                "1.0",
                UUID.randomUUID().toString(),
                "widget.created",
                "/comply360/test",
                "2026-11-25T10:00:00Z",
                "widget",
                "widget.created/v1",
                "application/json",
                tenant.toString(),
                "corr-1",
                JSON.valueToTree(Map.of("name", name)));
        byte[] body = JSON.writeValueAsBytes(event);
        try (com.rabbitmq.client.Connection amqp = amqp();
                Channel channel = amqp.createChannel()) {
            channel.confirmSelect();
            AMQP.BasicProperties props =
                    new AMQP.BasicProperties.Builder().messageId(event.id()).build();
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
    void consumerDyingMidEffectGetsTheEventAgainAndAppliesItOnce() {
        awaitBroker();
        String name = unique("dies");
        publish(WidgetHandler.WIDGET_CREATED, Map.of("name", name, "dieOnce", true));
        await().atMost(Duration.ofSeconds(60)).until(() -> effects(name) == 1);
        assertThat(handler.attempts(name)).isEqualTo(2);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> effects(name) == 1);
    }

    @Test
    void eventPublishedBeforeItsConsumerEverRanWaitsInItsQueueAndIsAppliedOnceWhenTheConsumerStarts() throws Exception {
        awaitBroker();
        String queue = LateHandler.EARLY.name();
        String name = unique("early");
        // This application declares the queue but runs no consumer of it yet.
        CloudEvent event = publish(LateHandler.EARLY_WIDGET, Map.of("name", name));
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
        try (com.rabbitmq.client.Connection amqp = amqp();
                Channel channel = amqp.createChannel()) {
            // The queue is missing (its topology failed, an operator deleted it): the broker refuses the subscription.
            channel.queueDelete(queue);
            consumers.subscribe(new LateHandler(queue));
            // Not a wait for a condition: the queue stays missing long enough for the first attempts to be refused.
            Thread.sleep(1500);
            // It comes back (the next topology run); the subscription, tried again meanwhile, now holds.
            channel.queueDeclare(queue, true, false, false, TopologyApplier.QUEUE_ARGUMENTS);
            channel.queueBind(
                    queue,
                    LateHandler.QUEUE.exchange(),
                    LateHandler.QUEUE.bindingKeys().get(0));
            await().atMost(Duration.ofSeconds(30)).until(() -> channel.consumerCount(queue) == 1);
        }
        String name = unique("refused");
        publish(LateHandler.LATE_WIDGET, Map.of("name", name));
        await().atMost(Duration.ofSeconds(30)).until(() -> effects(name) == 1);
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
        Duration deadLetterLife =
                brokerConfig.retryDelays().stream().reduce(brokerConfig.deadLetterTtl(), Duration::plus);
        String ageInbox = "update inbox set processed_at = processed_at - make_interval(secs => ?) where event_id = ?";
        try (Connection db = TestDatabase.asApp()) {
            age(db, ageInbox, deadLetterLife.plusHours(1), replayedEvent.id());
            age(db, ageInbox, config.keepInbox().plusHours(1), oldEvent.id());
            assertThat(retention.purgeInbox()).isGreaterThanOrEqualTo(1);
            assertThat(inInbox(db, replayedEvent.id())).isTrue();
            assertThat(inInbox(db, oldEvent.id())).isFalse();
        }

        // A copy of the applied event dead-lettered at that time and replayed only now, just before it expires.
        Map<String, Object> headers = Map.of(
                Headers.ORIGINAL_EXCHANGE,
                Topology.TENANT_EVENTS,
                Headers.ORIGINAL_ROUTING_KEY,
                "widget.created",
                Headers.TENANT_ID,
                tenant.toString());
        try (com.rabbitmq.client.Connection amqp = amqp();
                Channel channel = amqp.createChannel()) {
            channel.confirmSelect();
            channel.basicPublish(
                    "",
                    WidgetHandler.QUEUE.dlq(),
                    new AMQP.BasicProperties.Builder()
                            .messageId(replayedEvent.id())
                            .type("widget.created")
                            .headers(headers)
                            .build(),
                    JSON.writeValueAsBytes(replayedEvent));
            channel.waitForConfirmsOrDie(5000);
        }
        double duplicatesBefore = duplicates();
        var replay = given().auth()
                .oauth2(admin())
                .queryParam("messageId", replayedEvent.id())
                .post("/internal/dead-letters/platform-test.widgets/replay");
        assertThat(replay.jsonPath().getInt("replayed")).isEqualTo(1);
        await().atMost(Duration.ofSeconds(20)).until(() -> duplicates() > duplicatesBefore);
        assertThat(effects(replayed)).isEqualTo(1);
    }
}
