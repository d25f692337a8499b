package io.comply360.notification.workflow;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.comply360.contracts.notification.NotificationEvents;

/**
 * What an event says, as a workflow needs it: the ids of the people it may concern (looked up at send time), the
 * facts templates show ({@code section.key} → value; an {@link java.time.Instant} is shown in the agency's zone), and
 * the portal path it links to. {@code registrationId} with {@code lookUpFiling}: the event names a filing only (a
 * document's), whose agent, holder and reference are read from registration-service.
 */
public record Trigger(
        UUID tenantId,
        String eventId,
        Workflow workflow,
        String actorId,
        String agentId,
        String assigneeId,
        UUID clientId,
        String subjectUserId,
        UUID registrationId,
        boolean lookUpFiling,
        String link,
        Map<String, Object> facts,
        NotificationEvents.Requested requested) {

    public Trigger {
        facts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(facts));
    }

    /** The same trigger with what the filing told (its agent, holder, client and reference). */
    public Trigger withFiling(String agent, String assignee, UUID client, Map<String, Object> filingFacts) {
        Map<String, Object> all = new LinkedHashMap<>(facts);
        all.putAll(filingFacts);
        return new Trigger(
                tenantId,
                eventId,
                workflow,
                actorId,
                agent,
                assignee,
                client,
                subjectUserId,
                registrationId,
                false,
                link,
                all,
                requested);
    }

    /** Recipients a {@code notification.requested} names, of one type. */
    public List<String> requestedIds(String type) {
        return requested == null
                ? List.of()
                : requested.recipients().stream()
                        .filter(r -> r.type().equals(type))
                        .map(NotificationEvents.Recipient::id)
                        .toList();
    }
}
