package io.comply360.platform.messaging.internal;

import static io.comply360.platform.messaging.internal.TestEvents.copies;
import static io.comply360.platform.messaging.internal.TestEvents.deadLetter;
import static io.comply360.platform.messaging.internal.TestEvents.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.comply360.platform.broker.CloudEvent;
import io.comply360.platform.broker.Topology;
import io.comply360.platform.broker.internal.Broker;
import io.comply360.platform.broker.internal.EventConsumers;
import io.comply360.platform.testkit.PrivateRabbitMq;
import io.comply360.platform.testkit.PrivateRabbitMqApi;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Consumers on a private RabbitMQ node: a non-transactional handler, and the failure paths — a refused move to a
 * retry queue, a handler that never completes, a broker that blocks publishing, and a replay that must reach only
 * the queue the event failed in.
 */
@QuarkusTest
@QuarkusTestResource(value = PrivateRabbitMq.class, restrictToAnnotatedClass = true)
class ConsumersTest {

    private static final String QUEUE = WidgetHandler.QUEUE.name();

    @Inject
    TestEvents events;

    @Inject
    WidgetHandler handler;

    @Inject
    Broker broker;

    @Inject
    EventConsumers consumers;

    @Inject
    SelfManagedHandler selfManaged;

    @Inject
    MeterRegistry metrics;

    private final UUID tenant = UUID.randomUUID();

    private void awaitBroker() {
        await().atMost(Duration.ofSeconds(60)).until(broker::connected);
    }

    private double consumed(String outcome) {
        var counter = metrics.find("comply360.events.consumed")
                .tag("queue", QUEUE)
                .tag("outcome", outcome)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void aNonTransactionalHandlerRunsOutsideAnyTransactionWithoutTheInboxAndKeepsRetriesAndTheDlq() throws Exception {
        awaitBroker();
        String queue = SelfManagedHandler.QUEUE.name();
        // It writes for another tenant than the event's: inside the event's tenant transaction that write is refused.
        UUID owner = UUID.randomUUID();
        String name = unique("self-managed");
        CloudEvent event = events.publish(
                tenant,
                SelfManagedHandler.SELF_MANAGED,
                Map.of("name", name, "owner", owner.toString(), "failTimes", 1));
        await().atMost(Duration.ofSeconds(20)).until(() -> events.effects(owner, name) == 1);
        assertThat(selfManaged.attempts(name))
                .as("failed once, applied on its retry")
                .isEqualTo(2);
        assertThat(events.inInbox(queue, event.id())).as("no inbox claim").isFalse();

        // Without the inbox a second delivery is handled again: such a handler is idempotent by its own state.
        TestEvents.send(Topology.TENANT_EVENTS, SelfManagedHandler.SELF_MANAGED.type(), List.of(event));
        await().atMost(Duration.ofSeconds(20)).until(() -> events.effects(owner, name) == 2);

        String doomed = unique("self-managed");
        CloudEvent permanent = events.publish(
                tenant,
                SelfManagedHandler.SELF_MANAGED,
                Map.of("name", doomed, "owner", owner.toString(), "permanent", true));
        await().atMost(Duration.ofSeconds(20)).until(() -> deadLetter(queue, permanent.id()) != null);
        assertThat(deadLetter(queue, permanent.id()).path("error").asText()).contains("can never be done");
    }

    @Test
    void aRetryQueueRefusingOneMoveDoesNotBreakTheRetryPathAndTheEventStillWalksItsStepsIntoTheDlq() throws Exception {
        awaitBroker();
        String retryQueue = WidgetHandler.QUEUE.retryQueue(Duration.ofSeconds(1));
        String policy = "/api/policies/%2F/test-refuse-retries";
        String name = unique("refused-move");
        CloudEvent event;
        // A full queue that rejects publishes: the broker nacks the move of the failed delivery to its first step.
        PrivateRabbitMqApi.GUEST.put(
                policy,
                Map.of(
                        "pattern",
                        "^" + retryQueue.replace(".", "\\.") + "$",
                        "apply-to",
                        "queues",
                        "priority",
                        100,
                        "definition",
                        Map.of("max-length", 1, "overflow", "reject-publish")));
        try {
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> "test-refuse-retries".equals(TestEvents.policyOf(retryQueue)));
            TestEvents.fillUntilRefused(retryQueue);
            event = events.publish(tenant, WidgetHandler.WIDGET_CREATED, Map.of("name", name, "poison", true));
            await().atMost(Duration.ofSeconds(20)).until(() -> handler.attempts(name) >= 2);
        } finally {
            PrivateRabbitMqApi.GUEST.delete(policy);
            // A quorum queue that went over its limit keeps refusing publishes after the limit is lifted (RabbitMQ
            // 3.10): the emptied retry queue is declared anew, as the topology has it.
            TestEvents.recreate(retryQueue, Topology.retryExchange(Duration.ofSeconds(1)), QUEUE);
        }

        await().atMost(Duration.ofSeconds(40)).until(() -> deadLetter(QUEUE, event.id()) != null);
        assertThat(deadLetter(QUEUE, event.id()).path("attempts").asInt()).isEqualTo(3);
        List<Long> times = handler.attemptTimes(name);
        assertThat(times)
                .as("one attempt per step plus the one or two whose move was refused; a hot loop makes hundreds")
                .hasSizeBetween(4, 5);
        assertThat(Duration.ofNanos(times.get(1) - times.get(0)).toMillis())
                .as("the delivery whose move failed came back only after a pause")
                .isGreaterThanOrEqualTo(900);
    }

    @Test
    void replayingADeadLetterReachesOnlyTheQueueItFailedIn() throws Exception {
        awaitBroker();
        String name = unique("replayed");
        CloudEvent event =
                events.publish(tenant, WidgetHandler.WIDGET_REPLAYED, Map.of("name", name, "permanent", true));
        await().atMost(Duration.ofSeconds(20)).until(() -> deadLetter(QUEUE, event.id()) != null);
        String bystander = WidgetHandler.BYSTANDER.name();
        assertThat(copies(bystander, event.id())).isEqualTo(1);

        // Replayed before the fix: it fails again, and its dead letter still names where it was first published.
        assertThat(replay(event.id())).isEqualTo(1);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> handler.attempts(name) == 2 && deadLetter(QUEUE, event.id()) != null);
        JsonNode letter = deadLetter(QUEUE, event.id());
        assertThat(letter.path("originalExchange").asText()).isEqualTo(Topology.TENANT_EVENTS);
        assertThat(letter.path("originalRoutingKey").asText()).isEqualTo(WidgetHandler.WIDGET_REPLAYED.type());

        handler.cure(name);
        assertThat(replay(event.id())).isEqualTo(1);
        await().atMost(Duration.ofSeconds(20)).until(() -> events.effects(tenant, name) == 1);
        assertThat(copies(bystander, event.id()))
                .as("the other queue bound to the event got it once, never again")
                .isEqualTo(1);
    }

    private static int replay(String messageId) {
        var replay = given().auth()
                .oauth2(TestEvents.admin())
                .queryParam("messageId", messageId)
                .post("/internal/dead-letters/" + QUEUE + "/replay");
        assertThat(replay.statusCode()).isEqualTo(200);
        return replay.jsonPath().getInt("replayed");
    }

    @Test
    void aHandlerThatNeverCompletesIsAFailedAttemptAndTheQueueKeepsFlowing() {
        awaitBroker();
        double retriedBefore = consumed("retried");
        String hanging = unique("hangs");
        String behind = unique("behind");
        events.publish(tenant, WidgetHandler.WIDGET_CREATED, Map.of("name", hanging, "hangOnce", true));
        await().atMost(Duration.ofSeconds(20)).until(() -> handler.attempts(hanging) == 1);
        events.publish(tenant, WidgetHandler.WIDGET_CREATED, Map.of("name", behind));

        await().atMost(Duration.ofSeconds(30)).until(() -> events.effects(tenant, behind) == 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> events.effects(tenant, hanging) == 1);
        assertThat(handler.attempts(hanging))
                .as("timed out once, applied on its retry")
                .isEqualTo(2);
        assertThat(consumed("retried")).isGreaterThan(retriedBefore);
    }

    private static boolean aServiceConnectionIsBlocked() throws Exception {
        for (JsonNode connection : PrivateRabbitMqApi.GUEST.get("/api/connections")) {
            if (connection
                            .path("client_properties")
                            .path("connection_name")
                            .asText()
                            .startsWith("messaging-test")
                    && connection.path("state").asText().startsWith("block")) {
                return true;
            }
        }
        return false;
    }

    @Test
    void consumersKeepAcknowledgingWhileTheBrokerBlocksTheServicesPublishing() throws Exception {
        awaitBroker();
        String queue = LateHandler.QUEUE.name();
        String name = unique("alarm");
        // Waiting in a queue nothing consumes yet: more than one prefetch window, so acks must get through.
        TestEvents.send(
                "",
                queue,
                IntStream.range(0, 25)
                        .mapToObj(i -> TestEvents.event(tenant, LateHandler.LATE_WIDGET.type(), Map.of("name", name)))
                        .toList());
        CloudEvent held;
        PrivateRabbitMq.memoryAlarm(true);
        try {
            // The relay publishes an event, so the broker blocks the connection it publishes on.
            held = events.publish(tenant, WidgetHandler.WIDGET_CREATED, Map.of("name", unique("held")));
            await().atMost(Duration.ofSeconds(30)).until(ConsumersTest::aServiceConnectionIsBlocked);
            CompletableFuture.runAsync(() -> consumers.subscribe(new LateHandler(queue)));
            await().atMost(Duration.ofSeconds(30)).until(() -> events.effects(tenant, name) == 25);
        } finally {
            PrivateRabbitMq.memoryAlarm(false);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> events.outboxColumn(held.id(), "sent_at") != null);
        // Blocked longer than the relay's confirm timeout: a broker that does not answer is not the row's fault.
        assertThat(events.outboxColumn(held.id(), "attempts")).isEqualTo(0);
    }
}
