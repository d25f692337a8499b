package io.comply360.notification.delivery;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import io.comply360.clients.registration.Filings;
import io.comply360.clients.registration.RegistrationServiceApi;
import io.comply360.contracts.notification.NotificationEvents;
import io.comply360.notification.inapp.Notification;
import io.comply360.notification.inapp.NotificationService;
import io.comply360.notification.preference.PreferenceService;
import io.comply360.notification.recipient.Agencies;
import io.comply360.notification.recipient.Agency;
import io.comply360.notification.recipient.Locales;
import io.comply360.notification.recipient.Recipient;
import io.comply360.notification.recipient.Recipients;
import io.comply360.notification.template.Models;
import io.comply360.notification.template.TemplateService;
import io.comply360.notification.workflow.Channel;
import io.comply360.notification.workflow.Trigger;
import io.comply360.notification.workflow.Triggers;
import io.comply360.notification.workflow.Workflow;
import io.comply360.platform.data.TenantTransactions;
import io.comply360.platform.messaging.Outbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Turns a trigger into messages: who (looked up now, with no transaction open), on which channels (the workflow's,
 * less what preferences switch off), in which locale and template. One short transaction then writes every message
 * with the event's mark, puts in-app ones in inboxes, and queues the rest for delivery (through the outbox): all or
 * nothing, and once per event.
 */
@ApplicationScoped
public class Planner {

    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private final TenantTransactions tx;
    private final Agencies agencies;
    private final Recipients recipients;
    private final Filings filings;
    private final PreferenceService preferences;
    private final TemplateService templates;
    private final NotificationService inbox;
    private final Outbox outbox;
    private final Clock clock;

    public Planner(
            TenantTransactions tx,
            Agencies agencies,
            Recipients recipients,
            Filings filings,
            PreferenceService preferences,
            TemplateService templates,
            NotificationService inbox,
            Outbox outbox,
            Clock clock) {
        this.tx = tx;
        this.agencies = agencies;
        this.recipients = recipients;
        this.filings = filings;
        this.preferences = preferences;
        this.templates = templates;
        this.inbox = inbox;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** One recipient on one channel, critical when any rule that reached them is. */
    record Candidate(Recipient recipient, Channel channel, boolean critical) {}

    /** Plans the trigger's messages; how many were written (0 when the event was planned before). */
    public Uni<Integer> plan(Trigger trigger) {
        return tx.inTenant(trigger.tenantId(), () -> planned(trigger)).chain(done -> {
            if (done) {
                Log.debugf("Event %s was planned before: nothing new is sent", trigger.eventId());
                return Uni.createFrom().item(0);
            }
            // The agency's branding and the people are looked up side by side: each is a call to another service.
            Uni<Resolved> people = withFiling(trigger)
                    .chain(full -> full == null
                            ? Uni.createFrom().<Resolved>nullItem()
                            : candidates(full).map(candidates -> new Resolved(full, candidates)));
            return Uni.combine()
                    .all()
                    .unis(agencies.of(trigger.tenantId()), people)
                    .asTuple()
                    .chain(found -> found.getItem2() == null
                            ? Uni.createFrom().item(0)
                            : write(
                                    found.getItem2().trigger(),
                                    found.getItem1(),
                                    found.getItem2().candidates()));
        });
    }

    /** A trigger with its filing's people known, and whom it reaches on which channels. */
    private record Resolved(Trigger trigger, List<Candidate> candidates) {}

    private Uni<Boolean> planned(Trigger trigger) {
        return Panache.getSession()
                .chain(session ->
                        session.find(PlannedEvent.class, new PlannedEvent.Key(trigger.tenantId(), trigger.eventId())))
                .map(found -> found != null);
    }

    /** A document's event names its filing only: the filing's agent, holder and reference come from registration-service. */
    private Uni<Trigger> withFiling(Trigger trigger) {
        if (!trigger.lookUpFiling()) {
            return Uni.createFrom().item(trigger);
        }
        return filings.filingData(trigger.tenantId(), trigger.registrationId())
                .map(filing ->
                        trigger.withFiling(filing.agentId(), filing.assigneeId(), filing.clientId(), facts(filing)))
                .onFailure(Filings.NotFound.class)
                .recoverWithItem(failure -> {
                    Log.infof(
                            "registration-service does not know registration %s of %s: nobody told of %s",
                            trigger.registrationId(), trigger.tenantId(), trigger.eventId());
                    return null;
                });
    }

    private static Map<String, Object> facts(RegistrationServiceApi.FilingData filing) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("filing.reference", filing.reference());
        facts.put("filing.type", Triggers.label(filing.type()));
        facts.put("filing.country", filing.country());
        facts.put("filing.status", Triggers.label(filing.status()));
        facts.put("filing.company", filing.companyName());
        facts.put("filing.enterpriseNumber", filing.enterpriseNumber());
        return facts;
    }

    private Uni<List<Candidate>> candidates(Trigger trigger) {
        Map<String, Candidate> byKey = new LinkedHashMap<>();
        Uni<Void> all = Uni.createFrom().voidItem();
        for (Workflow.Rule rule : trigger.workflow().rules()) {
            all = all.chain(() -> recipients
                    .of(trigger, rule.audience())
                    .invoke(found -> {
                        for (Recipient recipient : found) {
                            for (Channel channel : channels(trigger, rule)) {
                                if (channel == Channel.IN_APP && recipient.isClient()) {
                                    continue; // clients have no inbox
                                }
                                String key = recipient.key() + "/" + channel.wire();
                                Candidate known = byKey.get(key);
                                boolean critical = rule.critical() || (known != null && known.critical());
                                byKey.put(key, new Candidate(recipient, channel, critical));
                            }
                        }
                    })
                    .replaceWithVoid());
        }
        return all.map(ignored -> List.copyOf(byKey.values()));
    }

    private static List<Channel> channels(Trigger trigger, Workflow.Rule rule) {
        NotificationEvents.Requested requested = trigger.requested();
        if (requested == null) {
            return List.copyOf(rule.channels());
        }
        return requested.channels().stream()
                .map(wire -> Channel.of(wire).orElse(null))
                .filter(c -> c != null)
                .toList();
    }

    private Uni<Integer> write(Trigger trigger, Agency agency, List<Candidate> candidates) {
        boolean criticalRequest = trigger.requested() != null
                && Boolean.TRUE.equals(trigger.requested().critical());
        return tx.inTenant(
                trigger.tenantId(),
                () -> Panache.getSession().chain(session -> {
                    PlannedEvent mark = new PlannedEvent();
                    mark.tenantId = trigger.tenantId();
                    mark.eventId = trigger.eventId();
                    mark.workflow = trigger.workflow().name();
                    mark.messages = candidates.size();
                    mark.plannedAt = clock.instant();
                    Map<TemplateService.Key, TemplateService.Effective> cache = new HashMap<>();
                    List<Message> written = new ArrayList<>();
                    Uni<Void> chain = session.persist(mark);
                    for (Candidate candidate : candidates) {
                        boolean critical = candidate.critical() || criticalRequest;
                        chain = chain.chain(() -> message(trigger, agency, candidate, critical, cache)
                                .invoke(written::add)
                                .replaceWithVoid());
                    }
                    return chain.chain(session::flush).map(ignored -> written.size());
                }));
    }

    private Uni<Message> message(
            Trigger trigger,
            Agency agency,
            Candidate candidate,
            boolean critical,
            Map<TemplateService.Key, TemplateService.Effective> cache) {
        Recipient recipient = candidate.recipient();
        Channel channel = candidate.channel();
        String locale = locale(recipient, agency);
        TemplateService.Key key = new TemplateService.Key(trigger.workflow(), channel, locale);
        Uni<TemplateService.Effective> template = cache.containsKey(key)
                ? Uni.createFrom().item(cache.get(key))
                : templates.effective(key).invoke(found -> cache.put(key, found));
        return template.chain(effective -> preferences
                .decide(recipient, trigger.workflow().name(), channel, critical, agency.zone())
                .chain(decision -> {
                    TemplateService.Rendered rendered =
                            templates.render(key, effective, Models.of(agency, recipient, trigger, locale));
                    Message message = new Message();
                    Instant now = clock.instant();
                    message.id = UUID.randomUUID();
                    message.tenantId = trigger.tenantId();
                    message.sourceEventId = trigger.eventId();
                    message.workflow = trigger.workflow().name();
                    message.channel = channel.wire();
                    message.recipient = recipient.key();
                    message.address = address(recipient, channel);
                    message.locale = locale;
                    message.critical = critical;
                    message.templateSource = rendered.template().source();
                    message.templateVersion = rendered.template().version();
                    message.subject = rendered.parts().subject();
                    message.body = rendered.parts().body();
                    message.html = rendered.parts().html();
                    message.createdAt = now;
                    message.updatedAt = now;
                    String unreachable = unreachable(recipient, channel);
                    if (!decision.send() || unreachable != null) {
                        message.status = Status.SKIPPED;
                        message.lastError = decision.send() ? unreachable : decision.reason();
                        return persist(message);
                    }
                    if (channel == Channel.IN_APP) {
                        message.status = Status.DELIVERED;
                        message.provider = "inbox";
                        message.sentAt = now;
                        message.deliveredAt = now;
                        return persist(message)
                                .chain(() -> inbox.add(notification(trigger, message, recipient)))
                                .replaceWith(message);
                    }
                    message.status = Status.QUEUED;
                    message.notBefore = decision.notBefore();
                    if (message.notBefore != null) {
                        message.lastError = decision.reason();
                        return persist(message);
                    }
                    return persist(message)
                            .call(() -> outbox.publish(
                                    NotificationEvents.DELIVER,
                                    trigger.tenantId(),
                                    message.id.toString(),
                                    new NotificationEvents.Deliver(message.id, message.channel)));
                }));
    }

    private static Uni<Message> persist(Message message) {
        return Panache.getSession().chain(session -> session.persist(message)).replaceWith(message);
    }

    private static Notification notification(Trigger trigger, Message message, Recipient recipient) {
        Notification notification = new Notification();
        notification.id = UUID.randomUUID();
        notification.tenantId = trigger.tenantId();
        notification.audienceUser = recipient.userId();
        notification.kind = trigger.workflow().name();
        notification.workflow = trigger.workflow().name();
        notification.title = message.subject;
        notification.body = message.body;
        notification.link = trigger.link();
        notification.subjectId = trigger.registrationId() != null
                ? trigger.registrationId().toString()
                : trigger.tenantId().toString();
        notification.sourceEventId = trigger.eventId();
        notification.messageId = message.id;
        notification.createdAt = message.createdAt;
        return notification;
    }

    private static String locale(Recipient recipient, Agency agency) {
        String own = Locales.supported(recipient.locale());
        return own != null ? own : agency.defaultLocale();
    }

    private static String address(Recipient recipient, Channel channel) {
        return switch (channel) {
            case EMAIL -> recipient.email();
            case SMS -> recipient.phone();
            case IN_APP -> null;
        };
    }

    /** Why the recipient cannot be reached on the channel, or null. */
    private static String unreachable(Recipient recipient, Channel channel) {
        return switch (channel) {
            case EMAIL ->
                recipient.email() == null || !EMAIL.matcher(recipient.email()).matches() ? "no e-mail address" : null;
            case SMS ->
                recipient.phone() == null
                        ? "no mobile number"
                        : E164.matcher(recipient.phone()).matches()
                                ? null
                                : "the mobile number is not in international form (+27…)";
            case IN_APP -> null;
        };
    }
}
