package io.comply360.contracts.notification;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.Nullable;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.comply360.platform.broker.EventContract;
import io.comply360.platform.broker.Topology;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Events of {@code notification.events}: {@code notification.requested}, any service asking notification-service to
 * tell people something (ids only: notification-service looks the people up), and {@code notification.deliver},
 * notification-service's own wake-up for one message to hand to its provider (the message itself is a database row).
 */
public final class NotificationEvents {

    public static final EventContract<Requested> REQUESTED =
            EventContract.of(Topology.NOTIFICATION_EVENTS, "notification.requested", 1, Requested.class);
    public static final EventContract<Deliver> DELIVER =
            EventContract.of(Topology.NOTIFICATION_EVENTS, "notification.deliver", 1, Deliver.class);

    public static final List<EventContract<?>> ALL = List.of(REQUESTED, DELIVER);

    private NotificationEvents() {}

    /**
     * A message a service asks for. {@code recipients}: people of the tenant ({@code user}, a user id), a client
     * ({@code client}, a client id of registration-service) or everyone with a tenant role ({@code role});
     * {@code channels}: where to say it ({@code in_app}, {@code email}, {@code sms}); {@code title} and
     * {@code message}: plain text, shown inside the tenant's template; {@code link}: a path of the portal;
     * {@code critical}: sent even to people who opted out.
     */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Requested(
            String topic,
            List<Recipient> recipients,
            List<String> channels,
            String title,
            String message,
            @Nullable String link,
            @Nullable Boolean critical) {}

    /** One addressee of a {@link Requested}: {@code type} user, client or role, and its id or role name. */
    @RegisterForReflection
    public record Recipient(String type, String id) {}

    /** Wakes the delivery worker: message {@code messageId} is due to be handed to its provider. */
    @RegisterForReflection
    public record Deliver(UUID messageId, String channel) {}
}
