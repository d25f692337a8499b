package io.comply360.platform.messaging.internal;

import static io.comply360.platform.testkit.ProblemAssertions.assertProblem;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;

import io.comply360.platform.broker.CloudEvent;
import io.comply360.platform.broker.Topology;
import io.comply360.platform.testkit.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** Dead letters: a poison message walks the retry steps into the DLQ, permanent failures and malformed envelopes go straight there, and the operators' tools (list, replay one or all, purge) are for operators and services only. */
@QuarkusTest
@TestProfile(OwnBrokerNode.class)
class DeadLetterToolsTest extends MessagingCase {

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
        var replay = given().auth()
                .oauth2(admin())
                .queryParam("messageId", event.id())
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
        try (com.rabbitmq.client.Connection amqp = amqp();
                Channel channel = amqp.createChannel()) {
            channel.confirmSelect();
            channel.basicPublish(
                    Topology.TENANT_EVENTS,
                    "widget.created",
                    new AMQP.BasicProperties.Builder().messageId(id).build(),
                    "{\"specversion\":\"1.0\",\"type\":\"widget.created\"}".getBytes(StandardCharsets.UTF_8));
            channel.waitForConfirmsOrDie(5000);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> deadLetter(id) != null);
        assertThat(deadLetter(id).path("error").asText())
                .contains("Malformed event envelope")
                .contains("id");
        assertThat(deadLetter(id).path("attempts").asInt()).isEqualTo(1);
    }

    @Test
    void deadLetterToolsAreForOperatorsAndServicesOnly() {
        assertProblem(given().get("/internal/dead-letters/platform-test.widgets"), 401);
        assertProblem(
                given().auth()
                        .oauth2(TestTokens.token("tenant_admin", tenant))
                        .get("/internal/dead-letters/platform-test.widgets"),
                403);
        assertThat(given().auth()
                        .oauth2(TestTokens.token("service", null))
                        .get("/internal/dead-letters/platform-test.widgets")
                        .statusCode())
                .isEqualTo(200);
        assertProblem(given().auth().oauth2(admin()).get("/internal/dead-letters/no-such-queue"), 404);
    }

    @Test
    void replayingAllDeadLettersAppliesEachFixedEventOnce() {
        awaitBroker();
        List<String> names = List.of(unique("replay-all"), unique("replay-all"));
        List<CloudEvent> events = names.stream()
                .map(name -> publish(WidgetHandler.WIDGET_CREATED, Map.of("name", name, "permanent", true)))
                .toList();
        await().atMost(Duration.ofSeconds(20)).until(() -> events.stream().allMatch(e -> deadLetter(e.id()) != null));
        names.forEach(handler::cure);

        var replay = given().auth().oauth2(admin()).post("/internal/dead-letters/platform-test.widgets/replay");
        assertThat(replay.statusCode()).isEqualTo(200);
        assertThat(replay.jsonPath().getInt("replayed")).isGreaterThanOrEqualTo(2);
        await().atMost(Duration.ofSeconds(20)).until(() -> names.stream().allMatch(name -> effects(name) == 1));
        await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(2))
                .until(() -> names.stream().allMatch(name -> effects(name) == 1));
        for (int i = 0; i < names.size(); i++) {
            assertThat(deadLetter(events.get(i).id())).isNull();
            assertThat(handler.attempts(names.get(i)))
                    .as("dead-lettered once, applied on replay")
                    .isEqualTo(2);
        }
    }
}
