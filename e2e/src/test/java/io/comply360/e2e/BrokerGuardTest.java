package io.comply360.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConnectionFactory;

import io.comply360.e2e.RunningServices.Service;
import io.comply360.platform.testkit.EventSchemas;
import io.comply360.platform.testkit.PrivateRabbitMqApi;

/**
 * RabbitMQ as the running services leave it: every queue a quorum queue; and the broker's poison guard against a
 * message that kills its consumer process every time, with a real registration-service process (its transactional
 * consumer of document decisions) killed by SIGKILL while it applies that message.
 */
class BrokerGuardTest {

    @RegisterExtension
    static final RunningServices services = new RunningServices();

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The machine's RabbitMQ, as dev/test runs it. */
    private static final PrivateRabbitMqApi RABBITMQ = PrivateRabbitMqApi.guest(15672);

    private static final String QUEUE = "registration.document-events";
    private static final String REGISTRATION_DB = "jdbc:postgresql://127.0.0.1:5432/registration_test";
    private static final int DELIVERY_LIMIT = 3;

    @Test
    void everyQueueTheRunningServicesUseIsAQuorumQueue() throws Exception {
        Map<String, String> types = new HashMap<>();
        for (JsonNode queue : RABBITMQ.get("/api/queues/comply360-test?columns=name,type")) {
            types.put(queue.path("name").asText(), queue.path("type").asText());
        }
        assertThat(types)
                .containsKeys(
                        QUEUE,
                        QUEUE + ".dlq",
                        QUEUE + ".retry.10s",
                        "tenant.provisioning",
                        "notification.tenant-events",
                        "notification.deliveries",
                        "gateway.user-deactivations",
                        "comply360.unrouted");
        assertThat(types).allSatisfy((name, type) -> assertThat(type).as(name).isEqualTo("quorum"));
    }

    /**
     * One document.verified event blocks in registration-service's inbox claim (the test holds the row), and the
     * test kills the process with SIGKILL each time it does: after the delivery limit RabbitMQ moves the event to the
     * DLQ with reason delivery_limit. Meanwhile the other events, published all along, are each applied (their inbox
     * rows commit with their effect; a decision about a filing the tenant does not have changes nothing else): the
     * consumer applies a handed-back delivery apart from the others and after those handed back with it, so they
     * never share the culprit's count.
     */
    @Test
    void aMessageThatKillsItsConsumerEveryTimeGoesToTheDlqAtTheDeliveryLimitAndTheOthersKeepFlowing() throws Exception {
        String vhost = "comply360-crash-test";
        RABBITMQ.delete("/api/vhosts/" + vhost);
        RABBITMQ.put("/api/vhosts/" + vhost, Map.of());
        RABBITMQ.put("/api/permissions/" + vhost + "/guest", Map.of("configure", ".*", "write", ".*", "read", ".*"));
        int[] ports = RunningServices.freePorts(2);
        Map<String, String> config = new HashMap<>(RunningServices.testDatabase("registration"));
        config.putAll(Map.of(
                "comply360.messaging.vhost",
                vhost,
                "comply360.messaging.delivery-limit",
                Integer.toString(DELIVERY_LIMIT),
                // The poison blocks until its consumer is killed, never long enough to time out as a failed attempt.
                "comply360.messaging.handler-timeout",
                "10M",
                "quarkus.oidc.auth-server-url",
                LocalStack.REALM));
        AtomicInteger lives = new AtomicInteger();
        Service[] consumer = {null};
        String tenant = UUID.randomUUID().toString();
        String poison = UUID.randomUUID().toString();
        List<String> others = new ArrayList<>();
        Instant started = Instant.now();
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        factory.setVirtualHost(vhost);
        try (Connection holder =
                DriverManager.getConnection(REGISTRATION_DB, "registration_owner", "registration_owner")) {
            consumer[0] = launch(config, ports, lives);
            await().atMost(Duration.ofSeconds(30)).until(() -> consumers(vhost) == 1);
            // The poison: its inbox claim waits for this uncommitted row, so applying it never finishes. (Held
            // from now on, it would also hold up the schema migration: the service's later lives skip it.)
            holder.setAutoCommit(false);
            try (PreparedStatement claim = holder.prepareStatement(
                    "insert into inbox (consumer, event_id, tenant_id) values (?, ?, ?::uuid)")) {
                claim.setString(1, QUEUE);
                claim.setString(2, poison);
                claim.setString(3, tenant);
                claim.executeUpdate();
            }

            Set<Integer> killedBackends = new HashSet<>();
            int kills = 0;
            try (com.rabbitmq.client.Connection amqp = factory.newConnection("e2e-crash-publisher");
                    Channel channel = amqp.createChannel()) {
                channel.confirmSelect();
                publish(channel, poison, tenant);
                // Three right behind it: they wait in the consumer's prefetch while it is stuck on the poison, so they
                // are handed back with it when it dies, counted as it is.
                for (int i = 0; i < 3; i++) {
                    String other = UUID.randomUUID().toString();
                    publish(channel, other, tenant);
                    others.add(other);
                }
                // The others keep coming, one per 250 ms, while the consumer dies and comes back.
                while (kills <= DELIVERY_LIMIT) {
                    Instant until = Instant.now().plusSeconds(60);
                    Integer blocked = null;
                    while (blocked == null && Instant.now().isBefore(until)) {
                        String other = UUID.randomUUID().toString();
                        publish(channel, other, tenant);
                        others.add(other);
                        Thread.sleep(250);
                        blocked = newlyBlockedBackend(holder, killedBackends);
                    }
                    if (blocked == null) {
                        break;
                    }
                    killedBackends.add(blocked);
                    consumer[0].kill();
                    kills++;
                    consumer[0] = launch(config, ports, lives);
                }
                for (int i = 0; i < 8; i++) {
                    String other = UUID.randomUUID().toString();
                    publish(channel, other, tenant);
                    others.add(other);
                }
            }
            assertThat(kills)
                    .as("killed on each of its 1 + %d deliveries", DELIVERY_LIMIT)
                    .isEqualTo(DELIVERY_LIMIT + 1);

            String admin = LocalStack.userToken("platform@comply360.test");
            JsonNode[] letter = {null};
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> (letter[0] = deadLetter(consumer[0], admin, poison)) != null);
            assertThat(letter[0].path("reason").asText()).isEqualTo("delivery_limit");
            assertThat(letter[0].path("error").asText()).contains("delivery limit");
            assertThat(letter[0].path("originalExchange").asText()).isEqualTo("document.processing");
            assertThat(letter[0].path("originalRoutingKey").asText()).isEqualTo("document.verified");
            assertThat(letter[0].path("event").path("id").asText()).isEqualTo(poison);
            assertThat(deadLetters(consumer[0], admin)).as("the poison alone").hasSize(1);

            await().atMost(Duration.ofSeconds(60))
                    .untilAsserted(() -> assertThat(applied(tenant))
                            .as("every other event applied, none lost")
                            .containsAll(others));
            assertThat(applied(tenant)).as("and each once").hasSize(others.size());
            System.out.printf(
                    "BrokerGuardTest: %d events applied while the consumer was killed %d times; the poison "
                            + "reached the DLQ with reason delivery_limit after %.1f s%n",
                    others.size(),
                    kills,
                    Duration.between(started, Instant.now()).toMillis() / 1000.0);

            // The cause is fixed (the row is released): the operator replays it and it is applied, once.
            holder.rollback();
            HttpResponse<String> replay = LocalStack.send(HttpRequest.newBuilder(URI.create(
                            consumer[0].url() + "/internal/dead-letters/" + QUEUE + "/replay?messageId=" + poison))
                    .header("Authorization", "Bearer " + admin)
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build());
            assertThat(replay.statusCode()).as(replay.body()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(30)).until(() -> applied(tenant).contains(poison));
            assertThat(applied(tenant)).hasSize(others.size() + 1);
        } finally {
            if (consumer[0] != null) {
                consumer[0].stop();
            }
            RABBITMQ.delete("/api/vhosts/" + vhost);
        }
    }

    private static Service launch(Map<String, String> config, int[] ports, AtomicInteger lives) throws IOException {
        int life = lives.incrementAndGet();
        Map<String, String> all = new HashMap<>(config);
        if (life > 1) {
            all.put("quarkus.flyway.migrate-at-start", "false");
        }
        Service service = Service.launch(
                "registration-crash-" + life, RunningServices.jarOf("registration-service"), ports[0], ports[1], all);
        try {
            service.awaitReady();
        } catch (RuntimeException | Error e) {
            service.stop();
            throw e;
        }
        return service;
    }

    /**
     * A database session of the consumer that waits for the held inbox row and was not seen before: the
     * consumer is applying the poison right now.
     */
    private static Integer newlyBlockedBackend(Connection holder, Set<Integer> seen) throws Exception {
        // pg_locks, not pg_stat_activity: another role's sessions show there without their query and wait.
        try (PreparedStatement waiting = holder.prepareStatement("""
                select pid from pg_locks where not granted and pg_backend_pid() = any(pg_blocking_pids(pid))""");
                ResultSet rows = waiting.executeQuery()) {
            while (rows.next()) {
                if (!seen.contains(rows.getInt(1))) {
                    return rows.getInt(1);
                }
            }
        }
        return null;
    }

    /** A document decision about a filing the tenant does not have, as document-service publishes it. */
    private static void publish(Channel channel, String id, String tenant) throws Exception {
        Map<String, Object> data = Map.of(
                "documentId",
                UUID.randomUUID().toString(),
                "registrationId",
                UUID.randomUUID().toString(),
                "documentType",
                "id_copy",
                "documentVersion",
                1,
                "dataVersion",
                1,
                "checkedAt",
                "2026-12-03T10:00:00Z");
        Map<String, Object> event = new HashMap<>(Map.of(
                "specversion",
                "1.0",
                "id",
                id,
                "type",
                "document.verified",
                "source",
                "/comply360/document-service",
                "time",
                Instant.now().toString(),
                "subject",
                data.get("documentId"),
                "dataschema",
                "document.verified/v1",
                "datacontenttype",
                "application/json",
                "tenantid",
                tenant,
                "data",
                data));
        event.put("correlationid", UUID.randomUUID().toString());
        // As document-service writes it: the consumer reads it through the event's contract.
        EventSchemas.assertValid(JSON.valueToTree(event));
        channel.basicPublish(
                "document.processing",
                "document.verified",
                new AMQP.BasicProperties.Builder()
                        .messageId(id)
                        .type("document.verified")
                        .contentType("application/cloudevents+json")
                        .deliveryMode(2)
                        .headers(Map.of("tenantid", tenant))
                        .build(),
                JSON.writeValueAsBytes(event));
        channel.waitForConfirmsOrDie(10_000);
    }

    /** The events of the tenant the consumer applied: its inbox rows (committed with their effect). */
    private static List<String> applied(String tenant) throws Exception {
        try (Connection db = DriverManager.getConnection(REGISTRATION_DB, "registration_app", "registration_app");
                PreparedStatement select = db.prepareStatement(
                        "select event_id from inbox where consumer = ? and tenant_id = ?::uuid order by event_id")) {
            select.setString(1, QUEUE);
            select.setString(2, tenant);
            try (ResultSet rows = select.executeQuery()) {
                List<String> ids = new ArrayList<>();
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
                return ids;
            }
        }
    }

    private static int consumers(String vhost) throws Exception {
        JsonNode queue = RABBITMQ.get("/api/queues/" + vhost + "/" + QUEUE);
        return queue == null ? 0 : queue.path("consumers").asInt();
    }

    private static JsonNode deadLetters(Service service, String token) throws Exception {
        HttpResponse<String> response =
                LocalStack.send(HttpRequest.newBuilder(URI.create(service.url() + "/internal/dead-letters/" + QUEUE))
                        .header("Authorization", "Bearer " + token)
                        .GET()
                        .build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static JsonNode deadLetter(Service service, String token, String messageId) throws Exception {
        for (JsonNode letter : deadLetters(service, token)) {
            if (messageId.equals(letter.path("messageId").asText())) {
                return letter;
            }
        }
        return null;
    }
}
