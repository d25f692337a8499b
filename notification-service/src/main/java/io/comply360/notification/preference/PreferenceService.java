package io.comply360.notification.preference;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import io.comply360.notification.recipient.Recipient;
import io.comply360.notification.workflow.Channel;
import io.comply360.notification.workflow.Workflow;
import io.comply360.notification.workflow.Workflows;
import io.comply360.platform.data.TenantTransactions;
import io.comply360.platform.error.FieldError;
import io.comply360.platform.error.ProblemException;
import io.comply360.platform.error.ProblemType;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** People's notification preferences, and the decision they make for one message. */
@ApplicationScoped
public class PreferenceService {

    /** Send it, leave it out (and why), or hold an SMS until the recipient's quiet hours end. */
    public record Decision(boolean send, String reason, Instant notBefore) {

        static final Decision SEND = new Decision(true, null, null);

        static Decision skip(String reason) {
            return new Decision(false, reason, null);
        }
    }

    private final TenantTransactions tx;
    private final Clock clock;

    public PreferenceService(TenantTransactions tx, Clock clock) {
        this.tx = tx;
        this.clock = clock;
    }

    /**
     * Whether a message goes out, in the caller's tenant transaction. Clients have no preferences (they cannot sign
     * in); critical messages go whatever is switched off and at any hour.
     */
    public Uni<Decision> decide(Recipient recipient, String workflow, Channel channel, boolean critical, ZoneId zone) {
        if (recipient.isClient() || critical) {
            return Uni.createFrom().item(Decision.SEND);
        }
        UUID tenantId = UUID.fromString(recipient.key().substring(0, 36));
        return Panache.getSession()
                .chain(session -> session.find(UserSettings.class, new UserKey(tenantId, recipient.userId()))
                        .chain(settings -> {
                            if (settings != null && settings.optedOut) {
                                return Uni.createFrom().item(Decision.skip("opted out of all notifications"));
                            }
                            ChannelPreference.Key key = new ChannelPreference.Key();
                            key.tenantId = tenantId;
                            key.userId = recipient.userId();
                            key.workflow = workflow;
                            key.channel = channel.wire();
                            return session.find(ChannelPreference.class, key).map(preference -> {
                                if (preference != null && !preference.enabled) {
                                    return Decision.skip("turned off " + channel.wire() + " for " + workflow);
                                }
                                if (channel == Channel.SMS && settings != null && settings.quietStart != null) {
                                    Instant until = quietUntil(settings, zoneOf(settings, zone));
                                    if (until != null) {
                                        return new Decision(true, "held until quiet hours end", until);
                                    }
                                }
                                return Decision.SEND;
                            });
                        }));
    }

    /** When the quiet hours the present falls in end, or null outside them. */
    Instant quietUntil(UserSettings settings, ZoneId zone) {
        ZonedDateTime now = clock.instant().atZone(zone);
        LocalTime time = now.toLocalTime();
        LocalTime start = settings.quietStart;
        LocalTime end = settings.quietEnd;
        boolean quiet = start.isBefore(end)
                ? !time.isBefore(start) && time.isBefore(end)
                : !time.isBefore(start) || time.isBefore(end);
        if (!quiet) {
            return null;
        }
        ZonedDateTime until = now.with(end).withSecond(0).withNano(0);
        if (!until.isAfter(now)) {
            until = until.plusDays(1);
        }
        return until.toInstant();
    }

    public Uni<PreferencesView> get(UUID tenantId, String userId, boolean admin, ZoneId agencyZone) {
        return tx.inTenant(
                tenantId,
                () -> load(tenantId, userId)
                        .map(loaded -> view(loaded.settings(), loaded.preferences(), admin, agencyZone)));
    }

    public Uni<PreferencesView> put(
            UUID tenantId, String userId, boolean admin, ZoneId agencyZone, PreferencesRequest request) {
        ZoneId zone = validate(request, admin, agencyZone);
        return tx.inTenant(
                tenantId,
                () -> Panache.getSession()
                        .chain(session -> serialised(session, userId)
                                .chain(() -> session.find(UserSettings.class, new UserKey(tenantId, userId)))
                                .chain(existing -> {
                                    UserSettings settings = existing;
                                    if (settings == null) {
                                        settings = new UserSettings();
                                        settings.tenantId = tenantId;
                                        settings.userId = userId;
                                        settings.id = UUID.randomUUID();
                                    }
                                    apply(settings, request, zone);
                                    UserSettings saved = settings;
                                    Uni<Void> write = existing == null
                                            ? session.persist(saved)
                                            : Uni.createFrom().voidItem();
                                    return write.chain(() -> session.createMutationQuery(
                                                            "delete from ChannelPreference where userId = :user")
                                                    .setParameter("user", userId)
                                                    .executeUpdate())
                                            .chain(() -> {
                                                List<ChannelPreference> rows = rows(tenantId, userId, request);
                                                return rows.isEmpty()
                                                        ? Uni.createFrom().voidItem()
                                                        : session.persistAll(rows.toArray());
                                            })
                                            .chain(session::flush)
                                            .chain(() -> load(tenantId, userId))
                                            .map(loaded ->
                                                    view(loaded.settings(), loaded.preferences(), admin, agencyZone));
                                })));
    }

    /**
     * Takes the person's preferences lock for the transaction: saves of one person's preferences run one after the
     * other (two at once would both insert the first settings row, or both re-insert the channel rows the other
     * deleted, and one would fail), so each replaces the whole of what the one before it left.
     */
    private static Uni<Integer> serialised(Mutiny.Session session, String userId) {
        return session.createNativeQuery("select pg_advisory_xact_lock(hashtextextended("
                        + "'notification-preferences:' || current_setting('app.tenant_id') || ':' || :user, 0))")
                .setParameter("user", userId)
                .executeUpdate();
    }

    private record Loaded(UserSettings settings, List<ChannelPreference> preferences) {}

    private Uni<Loaded> load(UUID tenantId, String userId) {
        return Panache.getSession()
                .chain(session -> session.find(UserSettings.class, new UserKey(tenantId, userId))
                        .chain(settings -> session.createSelectionQuery(
                                        "from ChannelPreference where userId = :user", ChannelPreference.class)
                                .setParameter("user", userId)
                                .getResultList()
                                .map(preferences -> new Loaded(settings, preferences))));
    }

    private void apply(UserSettings settings, PreferencesRequest request, ZoneId zone) {
        settings.optedOut = request.optedOut();
        settings.quietStart = request.quietHours() == null
                ? null
                : LocalTime.parse(request.quietHours().start());
        settings.quietEnd = request.quietHours() == null
                ? null
                : LocalTime.parse(request.quietHours().end());
        boolean digest = request.digest() != null && request.digest().enabled();
        LocalTime digestAt = digest ? LocalTime.parse(request.digest().at()) : null;
        boolean sameDigest = digest
                && settings.digestEnabled
                && digestAt.equals(settings.digestAt)
                && zone.getId().equals(settings.timeZone);
        settings.timeZone = zone.getId();
        settings.digestEnabled = digest;
        settings.digestAt = digestAt;
        if (!sameDigest) {
            // A new time (or zone): from now on. The same one keeps what is due, or being sent, today.
            settings.nextDigestAt = digest ? nextDigest(digestAt, zone, clock.instant()) : null;
            settings.digestDay = null;
        }
        settings.updatedAt = clock.instant();
    }

    /** The first time {@code at} in {@code zone} comes after {@code after}. */
    public static Instant nextDigest(LocalTime at, ZoneId zone, Instant after) {
        ZonedDateTime now = after.atZone(zone);
        ZonedDateTime next = now.with(at).withSecond(0).withNano(0);
        if (!next.isAfter(now)) {
            next = next.plusDays(1).with(at);
        }
        return next.toInstant();
    }

    private static List<ChannelPreference> rows(UUID tenantId, String userId, PreferencesRequest request) {
        List<ChannelPreference> rows = new ArrayList<>();
        if (request.workflows() == null) {
            return rows;
        }
        for (PreferencesRequest.WorkflowChannels entry : request.workflows()) {
            entry.channels().forEach((channel, enabled) -> {
                if (!enabled) {
                    ChannelPreference row = new ChannelPreference();
                    row.tenantId = tenantId;
                    row.userId = userId;
                    row.workflow = entry.workflow();
                    row.channel = channel;
                    row.enabled = false;
                    rows.add(row);
                }
            });
        }
        return rows;
    }

    private static ZoneId validate(PreferencesRequest request, boolean admin, ZoneId agencyZone) {
        List<FieldError> errors = new ArrayList<>();
        ZoneId zone = agencyZone;
        if (request.timeZone() != null) {
            try {
                zone = ZoneId.of(request.timeZone());
            } catch (DateTimeException e) {
                errors.add(new FieldError("timeZone", "must be a time zone such as Africa/Johannesburg"));
            }
        }
        if (request.quietHours() != null
                && request.quietHours().start().equals(request.quietHours().end())) {
            errors.add(new FieldError("quietHours.end", "must differ from start"));
        }
        if (request.digest() != null && request.digest().enabled()) {
            if (!admin) {
                errors.add(new FieldError("digest", "only tenant admins receive the daily digest"));
            } else if (request.digest().at() == null) {
                errors.add(new FieldError("digest.at", "is required when the digest is enabled"));
            }
        }
        if (request.workflows() != null) {
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < request.workflows().size(); i++) {
                PreferencesRequest.WorkflowChannels entry = request.workflows().get(i);
                String field = "workflows[" + i + "]";
                Workflow workflow = Workflows.of(entry.workflow()).orElse(null);
                if (workflow == null || workflow.name().equals("notification.requested")) {
                    errors.add(new FieldError(field + ".workflow", "is not a workflow one can choose for"));
                    continue;
                }
                if (!seen.add(entry.workflow())) {
                    errors.add(new FieldError(field + ".workflow", "is listed twice"));
                }
                for (String channel : entry.channels().keySet()) {
                    if (Channel.of(channel)
                            .filter(workflow.channels()::contains)
                            .isEmpty()) {
                        errors.add(new FieldError(
                                field + ".channels." + channel,
                                "is not a channel of " + workflow.name() + " (" + channelNames(workflow) + ")"));
                    }
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "The request breaks a rule", errors);
        }
        return zone;
    }

    private static String channelNames(Workflow workflow) {
        return String.join(", ", workflow.channels().stream().map(Channel::wire).toList());
    }

    private static ZoneId zoneOf(UserSettings settings, ZoneId fallback) {
        try {
            return settings.timeZone == null ? fallback : ZoneId.of(settings.timeZone);
        } catch (DateTimeException e) {
            return fallback;
        }
    }

    private static PreferencesView view(
            UserSettings settings, List<ChannelPreference> preferences, boolean admin, ZoneId agencyZone) {
        Map<String, Map<String, Boolean>> off = new LinkedHashMap<>();
        preferences.forEach(
                p -> off.computeIfAbsent(p.workflow, w -> new LinkedHashMap<>()).put(p.channel, p.enabled));
        List<PreferencesView.WorkflowView> workflows = new ArrayList<>();
        for (Workflow workflow : Workflows.all()) {
            if (workflow.name().equals("notification.requested")
                    || (workflow.name().equals(Workflows.DIGEST) && !admin)) {
                continue;
            }
            Map<String, Boolean> channels = new LinkedHashMap<>();
            for (Channel channel : Channel.values()) {
                if (workflow.channels().contains(channel)) {
                    channels.put(
                            channel.wire(),
                            off.getOrDefault(workflow.name(), Map.of()).getOrDefault(channel.wire(), true));
                }
            }
            workflows.add(new PreferencesView.WorkflowView(
                    workflow.name(), workflow.description(), workflow.critical(), channels));
        }
        if (settings == null) {
            return new PreferencesView(
                    false,
                    agencyZone.getId(),
                    null,
                    admin ? new PreferencesRequest.Digest(false, null) : null,
                    workflows);
        }
        return new PreferencesView(
                settings.optedOut,
                settings.timeZone,
                settings.quietStart == null
                        ? null
                        : new PreferencesRequest.QuietHours(
                                settings.quietStart.toString(), settings.quietEnd.toString()),
                admin
                        ? new PreferencesRequest.Digest(
                                settings.digestEnabled, settings.digestAt == null ? null : settings.digestAt.toString())
                        : null,
                workflows);
    }
}
