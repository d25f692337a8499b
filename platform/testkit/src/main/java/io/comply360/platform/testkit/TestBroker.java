package io.comply360.platform.testkit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

/** Publishes events into the test vhost as a producer's relay would: persistent, confirmed, keyed by their type. */
public final class TestBroker {

    /** As services write events: java.time values as ISO-8601 text, records' own inclusion rules. */
    private static final ObjectMapper JSON = com.fasterxml.jackson.databind.json.JsonMapper.builder()
            .findAndAddModules()
            .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    private TestBroker() {}

    /**
     * An event as a producer's relay publishes it: the CloudEvents envelope (a new id and correlation id, the time
     * now, source {@code /comply360/test}) around {@code data}. Tests change a field where it matters to them.
     */
    public static ObjectNode envelope(UUID tenantId, String type, String dataschema, String subject, Object data) {
        ObjectNode event = JSON.createObjectNode();
        event.put("specversion", "1.0");
        event.put("id", UUID.randomUUID().toString());
        event.put("type", type);
        event.put("source", "/comply360/test");
        event.put("time", Instant.now().toString());
        event.put("subject", subject);
        event.put("dataschema", dataschema);
        event.put("datacontenttype", "application/json");
        event.put("tenantid", tenantId.toString());
        event.put("correlationid", UUID.randomUUID().toString());
        event.set("data", JSON.valueToTree(data));
        return event;
    }

    /** Publishes {@code event} (valid by its schema, or the test fails) to {@code exchange}, routed by its type. */
    public static void publish(ObjectNode event, String exchange) {
        EventSchemas.assertValid(event);
        publishAsIs(event, exchange);
    }

    /**
     * Publishes {@code event} without checking it against its schema: for tests that prove a consumer dead-letters
     * what breaks its contract.
     */
    public static void publishAsIs(ObjectNode event, String exchange) {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setVirtualHost(ConfigProvider.getConfig().getValue("comply360.messaging.vhost", String.class));
        try (Connection connection = factory.newConnection("test-broker");
                Channel channel = connection.createChannel()) {
            channel.confirmSelect();
            channel.basicPublish(
                    exchange,
                    event.path("type").asText(),
                    new AMQP.BasicProperties.Builder()
                            .messageId(event.path("id").asText())
                            .deliveryMode(2)
                            .build(),
                    JSON.writeValueAsString(event).getBytes(StandardCharsets.UTF_8));
            channel.waitForConfirmsOrDie(5000);
        } catch (Exception e) {
            throw new IllegalStateException(
                    "Could not publish " + event.path("type").asText(), e);
        }
    }
}
