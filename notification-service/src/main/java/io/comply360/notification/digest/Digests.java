package io.comply360.notification.digest;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.comply360.clients.registration.Filings;
import io.comply360.clients.registration.RegistrationServiceApi;
import io.comply360.clients.tenant.TenantDirectory;
import io.comply360.notification.config.NotificationConfig;
import io.comply360.notification.delivery.Planner;
import io.comply360.notification.preference.PreferenceService;
import io.comply360.notification.preference.UserSettings;
import io.comply360.notification.recipient.Agencies;
import io.comply360.notification.template.Models;
import io.comply360.notification.workflow.Trigger;
import io.comply360.notification.workflow.Triggers;
import io.comply360.notification.workflow.Workflows;
import io.comply360.platform.data.JobDiscovery;
import io.comply360.platform.data.TenantTransactions;
import io.comply360.platform.tenancy.Roles;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Tenant admins' daily digest at the time each chose (in their zone): filings waiting for review, SLAs due soon and
 * passed, from registration-service. A due digest is claimed in a short transaction — its day noted and a lease of
 * {@link #LEASE} set as its next time, so no other replica takes it meanwhile, and a scan takes it again if this
 * process stops before it is planned — then built with no transaction open and planned like any workflow (once per
 * person and day). Then, and only then, its next time becomes the next day's. A digest with nothing in it is not
 * sent. One that could not be built is tried again in five minutes, still for the day it was due.
 */
@ApplicationScoped
public class Digests {

    private static final int LISTED = 10;

    /** How long a claimed digest is left to the scan that claimed it. */
    static final Duration LEASE = Duration.ofMinutes(10);

    private record Claimed(UUID tenantId, String userId, LocalDate day, ZoneId zone) {}

    private final JobDiscovery jobs;
    private final TenantTransactions tx;
    private final Filings filings;
    private final TenantDirectory directory;
    private final Agencies agencies;
    private final Planner planner;
    private final NotificationConfig config;
    private final Clock clock;

    public Digests(
            JobDiscovery jobs,
            TenantTransactions tx,
            Filings filings,
            TenantDirectory directory,
            Agencies agencies,
            Planner planner,
            NotificationConfig config,
            Clock clock) {
        this.jobs = jobs;
        this.tx = tx;
        this.filings = filings;
        this.directory = directory;
        this.agencies = agencies;
        this.planner = planner;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(
            every = "${comply360.notification.digest-every:60s}",
            delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scan() {
        return sendDue().replaceWithVoid();
    }

    /** Sends the digests that are due; how many were planned. */
    public Uni<Integer> sendDue() {
        ConcurrentLinkedQueue<Claimed> claimed = new ConcurrentLinkedQueue<>();
        return jobs.processDue("digests_due", 50, (tenantId, id) -> claim(id, claimed))
                .chain(ignored -> Multi.createFrom()
                        .iterable(new ArrayList<>(claimed))
                        .onItem()
                        .transformToUniAndConcatenate(this::send)
                        .collect()
                        .asList())
                .map(sent -> (int) sent.stream().filter(Boolean::booleanValue).count());
    }

    private Uni<Boolean> claim(UUID id, ConcurrentLinkedQueue<Claimed> claimed) {
        return Panache.getSession()
                .chain(session -> session.createSelectionQuery("from UserSettings where id = :id", UserSettings.class)
                        .setParameter("id", id)
                        .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                        .getSingleResultOrNull())
                .map(settings -> {
                    if (settings == null
                            || !settings.digestEnabled
                            || settings.nextDigestAt == null
                            || settings.nextDigestAt.isAfter(clock.instant())) {
                        return false;
                    }
                    ZoneId zone = ZoneId.of(settings.timeZone);
                    LocalDate day = settings.digestDay != null
                            ? settings.digestDay
                            : settings.nextDigestAt.atZone(zone).toLocalDate();
                    settings.digestDay = day;
                    settings.nextDigestAt = clock.instant().plus(LEASE);
                    claimed.add(new Claimed(settings.tenantId, settings.userId, day, zone));
                    return true;
                });
    }

    private Uni<Boolean> send(Claimed claimed) {
        int hours = config.digestWarnWithinHours();
        return directory
                .person(claimed.tenantId(), claimed.userId())
                .chain(person -> {
                    if (!person.enabled() || !person.roles().contains(Roles.TENANT_ADMIN)) {
                        Log.infof(
                                "%s of %s is no longer an enabled tenant admin: no digest",
                                claimed.userId(), claimed.tenantId());
                        return Uni.createFrom().item(false);
                    }
                    return filings.digest(claimed.tenantId(), hours)
                            .chain(digest -> empty(digest)
                                    ? Uni.createFrom().item(false)
                                    : planner.plan(trigger(claimed, digest, hours))
                                            .map(n -> n > 0));
                })
                .onFailure(TenantDirectory.NotFound.class)
                .recoverWithItem(false)
                .call(() -> done(claimed))
                .onFailure()
                .recoverWithUni(failure -> {
                    Log.warnf(
                            "The digest of %s (%s) could not be built: %s; trying again in 5 minutes",
                            claimed.userId(), claimed.tenantId(), failure.toString());
                    return tx.inTenant(
                                    claimed.tenantId(),
                                    () -> Panache.getSession()
                                            .chain(session -> session.createMutationQuery(
                                                            "update UserSettings set nextDigestAt = :at where userId = :user")
                                                    .setParameter(
                                                            "at",
                                                            clock.instant().plus(Duration.ofMinutes(5)))
                                                    .setParameter("user", claimed.userId())
                                                    .executeUpdate()))
                            .replaceWith(false);
                });
    }

    /**
     * The day's digest is planned (or there was nothing to send): the next one is the next day's, unless the person
     * changed their digest meanwhile (their save set its next time afresh).
     */
    private Uni<Void> done(Claimed claimed) {
        return tx.inTenant(
                claimed.tenantId(),
                () -> Panache.getSession()
                        .chain(session -> session.createSelectionQuery(
                                        "from UserSettings where userId = :user", UserSettings.class)
                                .setParameter("user", claimed.userId())
                                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                                .getSingleResultOrNull())
                        .invoke(settings -> {
                            if (settings != null
                                    && settings.digestEnabled
                                    && claimed.day().equals(settings.digestDay)) {
                                ZoneId zone = ZoneId.of(settings.timeZone);
                                settings.digestDay = null;
                                // The first time after the claimed day's: tomorrow's, even if this ran past midnight.
                                settings.nextDigestAt = PreferenceService.nextDigest(
                                        settings.digestAt,
                                        zone,
                                        claimed.day()
                                                .atTime(settings.digestAt)
                                                .atZone(zone)
                                                .toInstant());
                            }
                        })
                        .replaceWithVoid());
    }

    private static boolean empty(RegistrationServiceApi.Digest digest) {
        return digest.waitingForReview().count() == 0
                && digest.slaWarnings().count() == 0
                && digest.slaBreached().count() == 0;
    }

    private Trigger trigger(Claimed claimed, RegistrationServiceApi.Digest digest, int hours) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("digest.date", claimed.day().toString());
        facts.put("digest.hours", String.valueOf(hours));
        facts.put("digest.waiting", String.valueOf(digest.waitingForReview().count()));
        facts.put("digest.warnings", String.valueOf(digest.slaWarnings().count()));
        facts.put("digest.breached", String.valueOf(digest.slaBreached().count()));
        List<Map<String, Object>> items = new ArrayList<>();
        add(items, digest.slaBreached(), "breached", claimed.zone());
        add(items, digest.slaWarnings(), "warning", claimed.zone());
        add(items, digest.waitingForReview(), "waiting", claimed.zone());
        facts.put("digest.items", List.copyOf(items));
        return new Trigger(
                claimed.tenantId(),
                "digest:" + claimed.userId() + ":" + claimed.day(),
                Workflows.of(Workflows.DIGEST).orElseThrow(),
                Trigger.People.about(null, claimed.userId()),
                null,
                false,
                "/registrations?view=review",
                facts,
                null);
    }

    private static void add(
            List<Map<String, Object>> items, RegistrationServiceApi.Part part, String kind, ZoneId zone) {
        if (part == null || part.items() == null) {
            return;
        }
        for (RegistrationServiceApi.DigestItem item : part.items()) {
            if (items.size() >= LISTED) {
                return;
            }
            items.add(Models.item(
                    item.reference(), Triggers.label(item.status()), Models.when(item.dueAt(), zone), kind));
        }
    }
}
