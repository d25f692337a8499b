package io.comply360.notification.delivery;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A message in the delivery log, with its attempts when one message is asked for. */
public record DeliveryView(
        UUID id,
        String sourceEventId,
        String workflow,
        String channel,
        String recipient,
        String address,
        String locale,
        boolean critical,
        String templateSource,
        int templateVersion,
        String subject,
        String status,
        int attempts,
        String provider,
        String providerMessageId,
        String lastError,
        Instant notBefore,
        Instant createdAt,
        Instant sentAt,
        Instant deliveredAt,
        List<Attempt> attemptLog) {

    public record Attempt(
            int attempt,
            String provider,
            String status,
            String providerMessageId,
            String error,
            Instant startedAt,
            Instant finishedAt) {}

    public static DeliveryView of(Message m, List<Attempt> attempts) {
        return new DeliveryView(
                m.id,
                m.sourceEventId,
                m.workflow,
                m.channel,
                m.recipient,
                mask(m.channel, m.address),
                m.locale,
                m.critical,
                m.templateSource,
                m.templateVersion,
                m.subject,
                m.status,
                m.attempts,
                m.provider,
                m.providerMessageId,
                m.lastError,
                m.notBefore,
                m.createdAt,
                m.sentAt,
                m.deliveredAt,
                attempts);
    }

    /** Phone numbers are shown with their last four digits only; e-mail addresses as they are (admins know them). */
    static String mask(String channel, String address) {
        if (address == null || !"sms".equals(channel) || address.length() <= 4) {
            return address;
        }
        return "•".repeat(address.length() - 4) + address.substring(address.length() - 4);
    }
}
