package io.comply360.notification.template;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A template as the editor shows it: where it comes from ({@code default} or {@code tenant}), its version (0: never
 * changed), its parts, and the names templates may use.
 */
public record TemplateView(
        String workflow,
        String channel,
        String locale,
        String source,
        int version,
        String subject,
        String body,
        String html,
        Instant updatedAt,
        String updatedBy,
        Map<String, List<String>> variables) {

    public record Summary(
            String workflow,
            String channel,
            String locale,
            String source,
            int version,
            Instant updatedAt,
            String updatedBy) {}

    public record Version(
            int version,
            boolean reverted,
            String subject,
            String body,
            String html,
            String createdBy,
            Instant createdAt) {}
}
