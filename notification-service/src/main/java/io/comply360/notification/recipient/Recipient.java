package io.comply360.notification.recipient;

import java.util.UUID;

/**
 * Someone a message goes to, as looked up at send time. {@code key}: the subscriber key, {@code tenantId:userId}
 * for a person of the agency, {@code tenantId:client:<id>} for a client; {@code userId} null for a client.
 */
public record Recipient(
        String key, String userId, UUID clientId, String name, String email, String phone, String locale) {

    public static Recipient user(UUID tenantId, String userId, String name, String email, String phone, String locale) {
        return new Recipient(tenantId + ":" + userId, userId, null, name, email, phone, locale);
    }

    public static Recipient client(
            UUID tenantId, UUID clientId, String name, String email, String phone, String locale) {
        return new Recipient(tenantId + ":client:" + clientId, null, clientId, name, email, phone, locale);
    }

    public boolean isClient() {
        return clientId != null;
    }
}
