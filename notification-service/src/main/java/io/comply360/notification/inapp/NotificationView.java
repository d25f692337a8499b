package io.comply360.notification.inapp;

import java.time.Instant;
import java.util.UUID;

public record NotificationView(
        UUID id,
        String kind,
        String title,
        String body,
        String link,
        String subjectId,
        Instant createdAt,
        Instant readAt) {

    public static NotificationView of(Notification notification) {
        return new NotificationView(
                notification.id,
                notification.kind,
                notification.title,
                notification.body,
                notification.link,
                notification.subjectId,
                notification.createdAt,
                notification.readAt);
    }
}
