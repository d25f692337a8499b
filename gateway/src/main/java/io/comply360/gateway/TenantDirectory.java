package io.comply360.gateway;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.comply360.platform.concurrent.CallerContext;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.oidc.client.filter.OidcClientFilter;
import io.smallrye.mutiny.Uni;

/**
 * Resolves a host's slug to its tenant through tenant-service's internal API (with the gateway's service
 * account), so that a request rarely waits for it:
 * <ul>
 * <li>a resolved tenant is fresh for {@code tenant-cache.ttl}; an older one is served at once while it is
 * looked up again in the background;</li>
 * <li>when tenant-service stalls or fails, a tenant resolved within {@code max-stale} keeps being served from
 * the cache (stale-on-error), and a lookup gives up after {@code lookup-timeout};</li>
 * <li>"no such tenant" is remembered for {@code not-found-ttl} only;</li>
 * <li>the cache holds at most {@code max-size} tenants and as many unknown slugs, apart, so that made-up hosts
 * never push a tenant out (the least used go first); a caller may look up
 * only {@code lookup-burst} hosts that are not in it at once, then {@code lookups-per-second}: a flood of
 * made-up hosts costs tenant-service a few calls, not one per request;</li>
 * <li>concurrent lookups of one slug share one call.</li>
 * </ul>
 */
@ApplicationScoped
public class TenantDirectory {

    /** What the gateway needs to know of a tenant; other fields of tenant-service's answer are ignored. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record TenantInfo(UUID id, String slug, String status, String tier) {

        public boolean active() {
            return "active".equals(status);
        }
    }

    @RegisterRestClient(configKey = "tenant-directory")
    @OidcClientFilter
    @Path("/internal/tenants")
    public interface Client {
        @GET
        @Path("/by-slug/{slug}")
        Uni<TenantInfo> bySlug(@PathParam("slug") String slug);
    }

    /** A caller looked up too many hosts the cache does not know; it may try again after {@code retryAfter}. */
    public static final class LookupsThrottled extends RuntimeException {
        private final Duration retryAfter;

        LookupsThrottled(Duration retryAfter) {
            super("too many lookups of unknown hosts", null, false, false);
            this.retryAfter = retryAfter;
        }

        public Duration retryAfter() {
            return retryAfter;
        }
    }

    /** A tenant as tenant-service last described it, when, and when an old entry may be refreshed again. */
    private static final class Entry {
        final TenantInfo tenant;
        final long fetchedAt = System.nanoTime();
        final AtomicBoolean refreshing = new AtomicBoolean();
        volatile long nextRefresh;

        Entry(TenantInfo tenant) {
            this.tenant = tenant;
        }
    }

    private final Client client;
    private final GatewayConfig.TenantCache config;
    private final long ttlNanos;
    // Tenants and unknown slugs are kept apart, so that a flood of made-up hosts never pushes a tenant out.
    // Maintenance runs on the caller's thread (not a pool): the size bounds hold right after each write.
    private final Cache<String, Entry> found;
    private final Cache<String, Boolean> notFound;
    private final Cache<String, TokenBucket> lookupBudgets = Caffeine.newBuilder()
            .maximumSize(10_000)
            .expireAfterWrite(10, TimeUnit.MINUTES)
            .executor(Runnable::run)
            .build();
    private final Map<String, Uni<Optional<TenantInfo>>> inFlight = new ConcurrentHashMap<>();

    public TenantDirectory(@RestClient Client client, GatewayConfig config, MeterRegistry metrics) {
        this.client = client;
        this.config = config.tenantCache();
        this.ttlNanos = this.config.ttl().toNanos();
        this.found = Caffeine.newBuilder()
                .maximumSize(this.config.maxSize())
                .expireAfterWrite(this.config.maxStale().toNanos(), TimeUnit.NANOSECONDS)
                .executor(Runnable::run)
                .build();
        this.notFound = Caffeine.newBuilder()
                .maximumSize(this.config.maxSize())
                .expireAfterWrite(this.config.notFoundTtl().toNanos(), TimeUnit.NANOSECONDS)
                .executor(Runnable::run)
                .build();
        size(metrics, "found", found);
        size(metrics, "not-found", notFound);
    }

    // Caffeine's combinations used here (maximum size with expiry after write) are among those the
    // quarkus-caffeine extension registers for native images.
    private static void size(MeterRegistry metrics, String kind, Cache<String, ?> cache) {
        Gauge.builder("comply360.gateway.tenant.cache.size", cache, c -> {
                    c.cleanUp();
                    return c.estimatedSize();
                })
                .tag("kind", kind)
                .description("Host slugs the gateway holds, resolved to a tenant or known to be nobody's")
                .register(metrics);
    }

    /** How many tenants and how many unknown slugs the cache holds now. */
    Held held() {
        found.cleanUp();
        notFound.cleanUp();
        return new Held(found.estimatedSize(), notFound.estimatedSize());
    }

    record Held(long tenants, long unknown) {}

    /**
     * The tenant of {@code slug}, or empty when no tenant has it. Fails with {@link LookupsThrottled} when
     * {@code caller} (an agency's id, or an operator) looked up too many unknown hosts, and with the lookup's
     * error when tenant-service cannot answer and nothing usable is cached.
     */
    public Uni<Optional<TenantInfo>> resolve(String slug, String caller) {
        Entry entry = found.getIfPresent(slug);
        if (entry != null) {
            long now = System.nanoTime();
            if (now - entry.fetchedAt >= ttlNanos) {
                refreshInBackground(slug, entry, now);
            }
            return Uni.createFrom().item(Optional.of(entry.tenant));
        }
        if (notFound.getIfPresent(slug) != null) {
            return Uni.createFrom().item(Optional.empty());
        }
        // A lookup's answer arrives on the context of the request that started it; each caller gets it back on its own.
        Uni<Optional<TenantInfo>> running = inFlight.get(slug);
        if (running != null) {
            return CallerContext.resumeOn(() -> running);
        }
        RateLimiter.Decision budget = lookupBudgets
                .get(caller, c -> new TokenBucket(config.lookupBurst(), config.lookupsPerSecond()))
                .take();
        if (!budget.allowed()) {
            return Uni.createFrom().failure(new LookupsThrottled(budget.retryAfter()));
        }
        return CallerContext.resumeOn(() -> lookup(slug));
    }

    private void refreshInBackground(String slug, Entry entry, long now) {
        if (now < entry.nextRefresh || !entry.refreshing.compareAndSet(false, true)) {
            return;
        }
        lookup(slug).subscribe().with(ignored -> entry.refreshing.set(false), failure -> {
            // Keep serving what we have; try again after another ttl rather than on every request.
            entry.nextRefresh = System.nanoTime() + ttlNanos;
            entry.refreshing.set(false);
            Log.warnf("Tenant lookup for %s failed (%s); serving it from the cache", slug, failure.toString());
        });
    }

    /** One call to tenant-service per slug at a time; its answer (found or not) goes into the cache. */
    private Uni<Optional<TenantInfo>> lookup(String slug) {
        return inFlight.computeIfAbsent(
                slug,
                s -> client.bySlug(s)
                        .map(Optional::of)
                        .onFailure(WebApplicationException.class)
                        .recoverWithUni(
                                e -> ((WebApplicationException) e).getResponse().getStatus() == 404
                                        ? Uni.createFrom().item(Optional.<TenantInfo>empty())
                                        : Uni.createFrom().failure(e))
                        .ifNoItem()
                        .after(config.lookupTimeout())
                        .fail()
                        .invoke(tenant -> {
                            if (tenant.isPresent()) {
                                found.put(s, new Entry(tenant.get()));
                                notFound.invalidate(s);
                            } else {
                                notFound.put(s, Boolean.TRUE);
                                found.invalidate(s);
                            }
                        })
                        .onTermination()
                        .invoke(() -> inFlight.remove(s))
                        .memoize()
                        .indefinitely());
    }
}
