package io.comply360.platform.broker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Envelope;

import io.comply360.platform.broker.internal.EventConsumers.Delivery;

/** The order handed-back deliveries are applied in, and the policy pattern of a queue name. */
class HandedBackOrderTest {

    private static Delivery delivery(String id, long returns, long sequence) {
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                .messageId(id)
                .headers(Map.of("x-delivery-count", returns))
                .build();
        return new Delivery(new Envelope(sequence, true, "", "q"), properties, new byte[0], sequence, 1);
    }

    private static List<String> order(Delivery... deliveries) {
        List<Delivery> batch = new ArrayList<>(List.of(deliveries));
        batch.sort(EventConsumers.HANDED_BACK_ORDER);
        return batch.stream().map(d -> d.properties().getMessageId()).toList();
    }

    @Test
    void theFirstHandedBackOfEqualsIsAppliedLast() {
        // A consumer died applying "culprit"; the three behind it in its prefetch come back with it.
        assertThat(order(delivery("culprit", 1, 1), delivery("a", 1, 2), delivery("b", 1, 3), delivery("c", 1, 4)))
                .containsExactly("c", "b", "a", "culprit");
    }

    @Test
    void theLeastHandedBackIsAppliedFirst() {
        // The culprit's second death: fresh neighbours were caught once, it twice.
        assertThat(order(delivery("culprit", 2, 1), delivery("a", 1, 2), delivery("b", 1, 3)))
                .containsExactly("b", "a", "culprit");
    }

    @Test
    void aPolicyPatternMatchesTheQueueNameLiterally() {
        String pattern = "^" + TopologyApplier.literal("billing.odoo+sync(v2)") + "$";
        assertThat("billing.odoo+sync(v2)").matches(pattern);
        assertThat("billingXodoo+sync(v2)").doesNotMatch(pattern);
        assertThat("billing.odoo+sync(v2).dlq").doesNotMatch(pattern);
    }
}
