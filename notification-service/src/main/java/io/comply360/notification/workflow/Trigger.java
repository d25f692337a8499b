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
        People people,
        UUID registrationId,
        boolean lookUpFiling,
        String link,
        Map<String, Object> facts,
        NotificationEvents.Requested requested) {

    /**
     * Who an event concerns, by id: who caused it (not told of it), the agent of record, the case's holder, the
     * client, and the person it is about (an invited person, a digest's reader).
     */
    public record People(String actor, String agent, String assignee, UUID client, String subjectUser) {

        public static final People NONE = new People(null, null, null, null, null);

        public static People of(String actor, String agent, String assignee, UUID client) {
            return new People(actor, agent, assignee, client, null);
        }

        public static People about(String actor, String subjectUser) {
            return new People(actor, null, null, null, subjectUser);
        }
    }

    public Trigger {
        facts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(facts));
    }

    public String actorId() {
        return people.actor();
    }

    public String agentId() {
        return people.agent();
    }

    public String assigneeId() {
        return people.assignee();
    }

    public UUID clientId() {
        return people.client();
    }

    public String subjectUserId() {
        return people.subjectUser();
    }

    /** The same trigger with what the filing told (its agent, holder, client and reference). */
    public Trigger withFiling(String agent, String assignee, UUID client, Map<String, Object> filingFacts) {
        Map<String, Object> all = new LinkedHashMap<>(facts);
        all.putAll(filingFacts);
        People known = new People(people.actor(), agent, assignee, client, people.subjectUser());
        return new Trigger(tenantId, eventId, workflow, known, registrationId, false, link, all, requested);
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
