package io.comply360.platform.broker.internal;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;

import io.comply360.platform.broker.CloudEvent;
import io.comply360.platform.broker.EventHandler;
import io.comply360.platform.broker.QueueSpec;
import io.comply360.platform.broker.Topology;
import io.comply360.platform.broker.internal.ConfirmingPublisher.Outgoing;
import io.comply360.platform.testkit.PrivateRabbitMq;
import io.comply360.platform.testkit.PrivateRabbitMqApi;
import io.comply360.platform.testkit.TestOidcServer;
import io.comply360.platform.testkit.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.mutiny.Uni;

/**
 * platform-broker in an application with no database at all (as the gateway), on a private RabbitMQ node: a
 * non-transactional handler consumes with the same topology, retries, DLQ and replay as every service; a
 * transactional one is refused; the one-shot topology command with the services' settings and manifest.
 */
@QuarkusTest
@QuarkusTestResource(value = TestOidcServer.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PrivateRabbitMq.class, restrictToAnnotatedClass = true)
class BrokerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    Broker broker;

    @Inject
    EventConsumers consumers;

    @Inject
    GadgetHandler handler;

    private void send(String name, Map<String, Object> data, String id) throws IOException {
        Map<String, Object> all = new HashMap<>(data);
        all.put("name", name);
        CloudEvent event = new CloudEvent(
                "1.0",
                id,
                GadgetHandler.GADGET_BUILT.type(),
                "/comply360/test",
                "2026-12-04T10:00:00Z",
                "gadget",
                GadgetHandler.GADGET_BUILT.dataschema(),
                "application/json",
                UUID.randomUUID().toString(),
                UUID.randomUUID().toString(),
                JSON.valueToTree(all));
        try (ConfirmingPublisher publisher = new ConfirmingPublisher(broker)) {
            var outcome = publisher
                    .publish(
                            List.of(new Outgoing(
                                    Topology.TENANT_EVENTS,
                                    event.type(),
                                    new AMQP.BasicProperties.Builder()
                                            .messageId(id)
                                            .type(event.type())
                                            .deliveryMode(2)
                                            .build(),
                                    JSON.writeValueAsBytes(event))),
                            Duration.ofSeconds(5))
                    .get(0);
            assertThat(outcome.confirmed()).as(outcome.reason()).isTrue();
        }
    }

    private static JsonNode deadLetter(String messageId) throws IOException {
        var response = given().auth()
                .oauth2(TestTokens.token("platform_admin", null))
                .get("/internal/dead-letters/" + GadgetHandler.QUEUE.name());
        assertThat(response.statusCode()).isEqualTo(200);
        for (JsonNode letter : JSON.readTree(response.asString())) {
            if (messageId.equals(letter.path("messageId").asText())) {
                return letter;
            }
        }
        return null;
    }

    @Test
    void theApplicationHasNoDatabase() {
        assertThatThrownBy(() -> Class.forName("io.agroal.api.AgroalDataSource"))
                .isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> Class.forName("io.comply360.platform.data.TenantTransactions"))
                .isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void aNonTransactionalHandlerConsumesRetriesAndDeadLettersWithoutADatabase() throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(broker::connected);
        String flaky = "flaky-" + UUID.randomUUID();
        send(flaky, Map.of("failTimes", 2), UUID.randomUUID().toString());
        await().atMost(Duration.ofSeconds(20)).until(() -> handler.effects(flaky) == 1);
        assertThat(handler.attempts(flaky)).as("two retry steps, then applied").isEqualTo(3);

        String doomed = "doomed-" + UUID.randomUUID();
        String id = UUID.randomUUID().toString();
        send(doomed, Map.of("permanent", true), id);
        await().atMost(Duration.ofSeconds(20)).until(() -> deadLetter(id) != null);
        assertThat(deadLetter(id).path("error").asText()).contains("can never be built");

        handler.cure(doomed);
        var replay = given().auth()
                .oauth2(TestTokens.token("service", null))
                .queryParam("messageId", id)
                .post("/internal/dead-letters/" + GadgetHandler.QUEUE.name() + "/replay");
        assertThat(replay.statusCode()).isEqualTo(200);
        assertThat(replay.jsonPath().getInt("replayed")).isEqualTo(1);
        await().atMost(Duration.ofSeconds(20)).until(() -> handler.effects(doomed) == 1);
    }

    @Test
    void aTransactionalHandlerIsRefusedWhereNothingGivesItATransaction() {
        EventHandler transactional = new EventHandler() {
            @Override
            public String queue() {
                return GadgetHandler.QUEUE.name();
            }

            @Override
            public Uni<Void> handle(CloudEvent event) {
                return Uni.createFrom().voidItem();
            }
        };
        assertThatThrownBy(() -> consumers.subscribe(transactional))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("transactional")
                .hasMessageContaining("platform-messaging");
        assertThatThrownBy(() -> EventConsumers.requireDelivery(List.of(handler, transactional), false))
                .hasMessageContaining("[" + GadgetHandler.QUEUE.name() + "]");
        EventConsumers.requireDelivery(List.of(handler), false);
        EventConsumers.requireDelivery(List.of(handler, transactional), true);
    }

    /** Two queues as two services would declare them (the platform itself names none). */
    private static final List<QueueSpec> SERVICE_QUEUES = List.of(
            new QueueSpec("tenant.provisioning", Topology.TENANT_EVENTS, List.of("tenant.provisioning_requested")),
            new QueueSpec("notification.tenant-events", Topology.TENANT_EVENTS, List.of("tenant.provisioned")));

    /** The one-shot command on {@link #SERVICE_QUEUES} with the settings in {@code env}. */
    private static String applyTopology(Map<String, String> env) throws Exception {
        return TopologyCommand.run(
                new SmallRyeConfigBuilder().withSources(new EnvConfigSource(env, 300)), SERVICE_QUEUES);
    }

    @Test
    void theCommandReadsEveryServicesQueuesFromTheManifest() throws Exception {
        Path manifest = Path.of("").toAbsolutePath();
        while (!Files.isRegularFile(manifest.resolve("services.json"))) {
            manifest = manifest.getParent();
        }
        List<QueueSpec> queues = TopologyCommand.queuesOf(manifest.resolve("services.json"));
        assertThat(queues)
                .extracting(QueueSpec::name)
                .contains("tenant.provisioning", "notification.tenant-events")
                .doesNotHaveDuplicates();
        assertThat(queues).allSatisfy(queue -> assertThat(Topology.EXCHANGES).contains(queue.exchange()));

        Path wrong = Files.createTempFile("services", ".json");
        Files.writeString(wrong, """
                {"services": [{"name": "x", "queues": [{"name": "x.q", "exchange": "nowhere", "bindings": ["a"]}]}]}""");
        assertThatThrownBy(() -> TopologyCommand.queuesOf(wrong)).hasMessageContaining("x.q of x is bound to nowhere");
    }

    @Test
    void theOneShotTopologyCommandAppliesTheServicesConfiguredQueuesAndPoliciesIdempotently() throws Exception {
        String vhost = "topology-command";
        // The services' own variables, with retry steps, a delivery limit and a DLQ lifetime other than the defaults.
        Map<String, String> env = new HashMap<>(servicesEnvironmentOn(vhost));
        env.putAll(Map.of(
                "COMPLY360_MESSAGING_RETRY_DELAYS",
                "3S,7S",
                "COMPLY360_MESSAGING_DEAD_LETTER_TTL",
                "P3D",
                "COMPLY360_MESSAGING_DELIVERY_LIMIT",
                "4"));
        for (int run = 1; run <= 2; run++) {
            assertThat(applyTopology(env))
                    .as("run %d: 2 work queues, 2 retry queues each, 2 DLQs and the unrouted queue", run)
                    .contains("applied to vhost " + vhost + ": 9 quorum queues");
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(queueTypes(vhost))
                            .hasSize(9)
                            .allSatisfy((name, type) -> assertThat(type).isEqualTo("quorum")));
        }

        Map<String, JsonNode> policies = new HashMap<>();
        PrivateRabbitMqApi.GUEST
                .get("/api/policies/" + vhost)
                .forEach(p -> policies.put(p.path("name").asText(), p));
        List<String> workPolicies =
                SERVICE_QUEUES.stream().map(q -> "comply360-work-" + q.name()).toList();
        assertThat(policies.keySet())
                .containsExactlyInAnyOrderElementsOf(Stream.concat(
                                workPolicies.stream(),
                                Stream.of(
                                        "comply360-alternate-exchange",
                                        "comply360-retry-3s",
                                        "comply360-retry-7s",
                                        "comply360-dead-letters"))
                        .toList());
        JsonNode work =
                policies.get("comply360-work-notification.tenant-events").path("definition");
        assertThat(work.path("delivery-limit").asInt()).isEqualTo(4);
        assertThat(work.path("dead-letter-exchange").asText()).isEmpty();
        assertThat(work.path("dead-letter-routing-key").asText()).isEqualTo("notification.tenant-events.dlq");
        assertThat(work.path("dead-letter-strategy").asText()).isEqualTo("at-least-once");
        assertThat(work.path("overflow").asText()).isEqualTo("reject-publish");
        assertThat(policies.get("comply360-alternate-exchange")
                        .path("definition")
                        .path("alternate-exchange")
                        .asText())
                .isEqualTo(Topology.UNROUTED);
        JsonNode retry = policies.get("comply360-retry-7s").path("definition");
        assertThat(retry.path("message-ttl").asLong()).isEqualTo(7000);
        assertThat(retry.path("dead-letter-exchange").asText()).isEqualTo(Topology.RETRY_RETURN);
        assertThat(retry.path("dead-letter-strategy").asText()).isEqualTo("at-least-once");
        assertThat(retry.path("overflow").asText()).isEqualTo("reject-publish");
        assertThat(policies.get("comply360-dead-letters")
                        .path("definition")
                        .path("message-ttl")
                        .asLong())
                .isEqualTo(Duration.ofDays(3).toMillis());

        // Without statistics the API answers from the queue records, which carry the policy in force at once.
        Map<String, String> queuePolicies = new HashMap<>();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            PrivateRabbitMqApi.GUEST
                    .get("/api/queues/" + vhost + "?disable_stats=true&columns=name,policy")
                    .forEach(q -> queuePolicies.put(
                            q.path("name").asText(), q.path("policy").asText()));
            assertThat(queuePolicies)
                    .containsEntry("notification.tenant-events", "comply360-work-notification.tenant-events")
                    .containsEntry("tenant.provisioning", "comply360-work-tenant.provisioning")
                    .containsEntry("notification.tenant-events.retry.3s", "comply360-retry-3s")
                    .containsEntry("notification.tenant-events.retry.7s", "comply360-retry-7s")
                    .containsEntry("notification.tenant-events.dlq", "comply360-dead-letters")
                    .containsEntry(Topology.UNROUTED, "comply360-dead-letters")
                    .doesNotContainKey("notification.tenant-events.retry.10s");
        });
    }

    @Test
    void classicQueuesLeftFromBeforeAreRefusedByNameAndOnlyEmptyOnesAreRecreatedWhenAsked() throws Exception {
        String vhost = "classic-leftovers";
        Map<String, String> env = servicesEnvironmentOn(vhost);
        // As an older release declared them: classic queues, one of them holding a dead letter.
        PrivateRabbitMqApi.GUEST.put("/api/queues/" + vhost + "/tenant.provisioning", Map.of("durable", true));
        PrivateRabbitMqApi.GUEST.put("/api/queues/" + vhost + "/tenant.provisioning.dlq", Map.of("durable", true));
        try (var connection = Broker.connectionFactory(brokerConfigOf(env)).newConnection();
                var channel = connection.createChannel()) {
            channel.confirmSelect();
            channel.basicPublish("", "tenant.provisioning.dlq", null, "{}".getBytes());
            channel.waitForConfirmsOrDie(5000);
        }
        await().atMost(Duration.ofSeconds(15))
                .until(() -> queueTypes(vhost).containsKey("tenant.provisioning.dlq")
                        && PrivateRabbitMqApi.GUEST
                                        .get("/api/queues/" + vhost + "/tenant.provisioning.dlq")
                                        .path("messages")
                                        .asLong()
                                == 1);

        assertThatThrownBy(() -> applyTopology(env))
                .isInstanceOf(TopologyApplier.WrongQueueTypeException.class)
                .hasMessageContaining("tenant.provisioning (classic, 0 messages)")
                .hasMessageContaining("tenant.provisioning.dlq (classic, 1 messages)")
                .hasMessageContaining("docs/messaging.md");
        assertThat(queueTypes(vhost))
                .as("nothing was declared")
                .containsOnlyKeys("tenant.provisioning", "tenant.provisioning.dlq");

        // dev/up's way: the empty one is recreated, the one holding a message is left alone and still refused.
        Map<String, String> recreating = new HashMap<>(env);
        recreating.put("COMPLY360_MESSAGING_RECREATE_EMPTY_QUEUES", "true");
        assertThatThrownBy(() -> applyTopology(recreating))
                .isInstanceOf(TopologyApplier.WrongQueueTypeException.class)
                .hasMessageNotContaining("tenant.provisioning (")
                .hasMessageContaining("tenant.provisioning.dlq (classic, 1 messages)");
        assertThat(PrivateRabbitMqApi.GUEST
                        .get("/api/queues/" + vhost + "/tenant.provisioning.dlq")
                        .path("messages")
                        .asLong())
                .isEqualTo(1);

        PrivateRabbitMqApi.GUEST.delete("/api/queues/" + vhost + "/tenant.provisioning.dlq/contents");
        await().atMost(Duration.ofSeconds(15))
                .until(() -> PrivateRabbitMqApi.GUEST
                                .get("/api/queues/" + vhost + "/tenant.provisioning.dlq")
                                .path("messages")
                                .asLong()
                        == 0);
        assertThat(applyTopology(recreating)).contains("11 quorum queues");
        Map<String, String> types = queueTypes(vhost);
        assertThat(types).hasSize(11);
        assertThat(types.values()).containsOnly("quorum");
    }

    private static Map<String, String> queueTypes(String vhost) throws IOException, InterruptedException {
        Map<String, String> types = new HashMap<>();
        PrivateRabbitMqApi.GUEST
                .get("/api/queues/" + vhost + "?columns=name,type")
                .forEach(q -> types.put(q.path("name").asText(), q.path("type").asText()));
        return types;
    }

    private static BrokerConfig brokerConfigOf(Map<String, String> env) {
        return TopologyCommand.configOf(new SmallRyeConfigBuilder().withSources(new EnvConfigSource(env, 300)));
    }

    /** A new vhost of the private node for guest, and the services' environment variables pointing at it. */
    private static Map<String, String> servicesEnvironmentOn(String vhost) throws IOException, InterruptedException {
        PrivateRabbitMqApi.GUEST.put("/api/vhosts/" + vhost, Map.of());
        PrivateRabbitMqApi.GUEST.put(
                "/api/permissions/" + vhost + "/guest", Map.of("configure", ".*", "write", ".*", "read", ".*"));
        return Map.of(
                "COMPLY360_MESSAGING_PORT",
                Integer.toString(PrivateRabbitMq.amqpPort()),
                "COMPLY360_MESSAGING_VHOST",
                vhost,
                "COMPLY360_MESSAGING_MANAGEMENT_URL",
                "http://127.0.0.1:" + PrivateRabbitMq.managementPort(),
                "COMPLY360_MESSAGING_USERNAME",
                "guest",
                "COMPLY360_MESSAGING_PASSWORD",
                "guest");
    }
}
