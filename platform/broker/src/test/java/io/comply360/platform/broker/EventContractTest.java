package io.comply360.platform.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.Nullable;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Reading a payload through its contract (plain unit tests: no broker, no Quarkus). */
class EventContractTest {

    record Shipped(
            UUID orderId,
            List<String> items,
            Instant shippedAt,
            @Nullable String note) {}

    private static final EventContract<Shipped> SHIPPED =
            EventContract.of(Topology.TENANT_EVENTS, "order.shipped", 2, Shipped.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static CloudEvent event(String type, String dataschema, ObjectNode data) {
        return new CloudEvent(
                "1.0",
                UUID.randomUUID().toString(),
                type,
                "/comply360/test",
                Instant.now().toString(),
                null,
                dataschema,
                "application/json",
                null,
                null,
                data);
    }

    private static ObjectNode valid() {
        ObjectNode data = JSON.createObjectNode()
                .put("orderId", "1b4e28ba-2fa1-11d2-883f-0016d3cca427")
                .put("shippedAt", "2026-12-03T10:15:30Z");
        data.putArray("items").add("a").add("b");
        return data;
    }

    @Test
    void aPayloadIsReadAsItsRecordIgnoringFieldsItDoesNotKnowAndNullWhereNullable() {
        ObjectNode data = valid().put("addedLater", true);
        Shipped shipped = SHIPPED.read(event("order.shipped", "order.shipped/v2", data));
        assertThat(shipped.orderId()).isEqualTo(UUID.fromString("1b4e28ba-2fa1-11d2-883f-0016d3cca427"));
        assertThat(shipped.items()).containsExactly("a", "b");
        assertThat(shipped.shippedAt()).isEqualTo(Instant.parse("2026-12-03T10:15:30Z"));
        assertThat(shipped.note()).isNull();
    }

    @Test
    void missingRequiredFieldsAreNamedAndTheEventCanNeverSucceed() {
        ObjectNode data = valid();
        data.remove("orderId");
        data.remove("items");
        assertThatThrownBy(() -> SHIPPED.read(event("order.shipped", "order.shipped/v2", data)))
                .isInstanceOf(PermanentEventException.class)
                .hasMessage("order.shipped/v2 without orderId, items");
    }

    @Test
    void aValueOfTheWrongTypeIsPermanent() {
        ObjectNode data = valid().put("shippedAt", "yesterday");
        assertThatThrownBy(() -> SHIPPED.read(event("order.shipped", "order.shipped/v2", data)))
                .isInstanceOf(PermanentEventException.class)
                .hasMessageStartingWith("order.shipped/v2 whose data does not fit its contract");
    }

    @Test
    void anotherVersionOrTypeIsRefusedButMatchesByType() {
        CloudEvent older = event("order.shipped", "order.shipped/v1", valid());
        assertThat(SHIPPED.matches(older)).isTrue();
        assertThatThrownBy(() -> SHIPPED.read(older))
                .isInstanceOf(PermanentEventException.class)
                .hasMessageContaining("Expected an event order.shipped/v2, got order.shipped (order.shipped/v1)");
        assertThat(SHIPPED.matches(event("order.cancelled", "order.cancelled/v2", valid())))
                .isFalse();
    }
}
