package io.comply360.registration.sla;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.comply360.clients.tenant.TenantDirectory;
import io.comply360.clients.tenant.TenantServiceApi;
import io.comply360.platform.data.TenantTransactions;
import io.comply360.registration.config.RegistrationConfig;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Each tenant's SLA settings (targets per state, working week, time zone), its slug and countries, kept in
 * {@code tenant_profiles}: fetched from tenant-service when missing or older than {@code profile-max-age}, and again
 * whenever tenant-service announces a change ({@code tenant.updated}). While tenant-service is away the stored copy
 * serves; with none stored, defaults do (no SLA targets: no due dates) and nothing is stored.
 */
@ApplicationScoped
public class TenantProfiles {

    /** What the rest of the service reads of a tenant. {@code known}: from tenant-service, not the defaults. */
    public record Profile(
            UUID tenantId,
            String slug,
            List<String> countries,
            BusinessHours hours,
            Map<String, Integer> targets,
            boolean known) {

        public Duration target(String status) {
            Integer hours = targets.get(status);
            return hours == null ? null : Duration.ofHours(hours);
        }
    }

    private static final TenantProfile.WorkingWeek DEFAULT_WEEK = new TenantProfile.WorkingWeek(
            List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY),
            "08:00",
            "17:00");

    private final TenantTransactions tx;
    private final TenantDirectory directory;
    private final Duration maxAge;

    public TenantProfiles(TenantTransactions tx, TenantDirectory directory, RegistrationConfig config) {
        this.tx = tx;
        this.directory = directory;
        this.maxAge = config.profileMaxAge();
    }

    /** The tenant's profile; call outside any transaction (it may ask tenant-service). */
    public Uni<Profile> of(UUID tenantId) {
        return stored(tenantId)
                .chain(stored -> stored != null && stored.fetchedAt.plus(maxAge).isAfter(Instant.now())
                        ? Uni.createFrom().item(view(stored, true))
                        : refresh(tenantId)
                                .onFailure()
                                .recoverWithUni(failure -> stored(tenantId).map(again -> {
                                    // A concurrent first request may have stored it meanwhile (its insert won).
                                    TenantProfile known = again != null ? again : stored;
                                    Log.warnf(
                                            "tenant-service did not describe tenant %s (%s); using %s",
                                            tenantId,
                                            failure.toString(),
                                            known != null ? "its stored profile" : "default SLA settings");
                                    return known != null ? view(known, true) : defaults(tenantId);
                                })));
    }

    private Uni<TenantProfile> stored(UUID tenantId) {
        return tx.inTenant(tenantId, () -> Panache.getSession().chain(s -> s.find(TenantProfile.class, tenantId)));
    }

    /** Asks tenant-service now and stores its answer (outside any transaction while it answers). */
    public Uni<Profile> refresh(UUID tenantId) {
        return directory
                .tenant(tenantId)
                .chain(info -> tx.inTenant(
                        tenantId,
                        () -> Panache.getSession()
                                .chain(s -> s.find(TenantProfile.class, tenantId)
                                        .chain(found -> {
                                            TenantProfile profile = found != null ? found : new TenantProfile();
                                            profile.tenantId = tenantId;
                                            apply(profile, info);
                                            return found != null
                                                    ? Uni.createFrom().item(profile)
                                                    : s.persist(profile).replaceWith(profile);
                                        }))
                                .map(profile -> view(profile, true))));
    }

    private static void apply(TenantProfile profile, TenantServiceApi.TenantInfo info) {
        profile.slug = info.slug();
        profile.countries =
                info.countries() == null ? new String[0] : info.countries().toArray(String[]::new);
        TenantServiceApi.Sla sla = info.sla();
        profile.timeZone = sla != null && sla.timeZone() != null ? sla.timeZone() : "Africa/Johannesburg";
        profile.businessHours = sla != null && sla.businessHours() != null
                ? new TenantProfile.WorkingWeek(
                        sla.businessHours().days(),
                        sla.businessHours().opens(),
                        sla.businessHours().closes())
                : DEFAULT_WEEK;
        profile.slaTargets = sla != null && sla.targets() != null ? Map.copyOf(sla.targets()) : Map.of();
        profile.fetchedAt = Instant.now();
    }

    private static Profile view(TenantProfile profile, boolean known) {
        return new Profile(
                profile.tenantId,
                profile.slug,
                List.of(profile.countries),
                hours(profile.businessHours, profile.timeZone),
                profile.slaTargets,
                known);
    }

    private static Profile defaults(UUID tenantId) {
        return new Profile(tenantId, null, List.of(), hours(DEFAULT_WEEK, "Africa/Johannesburg"), Map.of(), false);
    }

    private static BusinessHours hours(TenantProfile.WorkingWeek week, String zone) {
        Set<DayOfWeek> days = week.days().isEmpty() ? EnumSet.noneOf(DayOfWeek.class) : EnumSet.copyOf(week.days());
        return new BusinessHours(days, LocalTime.parse(week.opens()), LocalTime.parse(week.closes()), ZoneId.of(zone));
    }
}
