package io.comply360.platform.testkit;

import java.nio.charset.StandardCharsets;

import org.eclipse.microprofile.config.ConfigProvider;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

/** Publishes events into the test vhost as a producer's relay would: persistent, confirmed, keyed by their type. */
public final class TestBroker {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TestBroker() {}

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
