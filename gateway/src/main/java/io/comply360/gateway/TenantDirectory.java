package io.comply360.gateway;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import io.smallrye.mutiny.Uni;

/**
 * Resolves a host's slug to its tenant through tenant-service's internal API (with the gateway's service
 * account), cached for {@code comply360.gateway.tenant-cache-ttl} so a request rarely waits for it. Unknown
 * slugs are cached too, so a flood of made-up hosts does not reach tenant-service.
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

    private record Cached(Optional<TenantInfo> tenant, Instant expires) {
    }

    private final Client client;
    private final Duration ttl;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public TenantDirectory(@RestClient Client client, GatewayConfig config) {
        this.client = client;
        this.ttl = config.tenantCacheTtl();
    }

    /** The tenant of {@code slug}, or empty when no tenant has it. Fails when tenant-service cannot answer. */
    public Uni<Optional<TenantInfo>> resolve(String slug) {
        Cached cached = cache.get(slug);
        if (cached != null && cached.expires().isAfter(Instant.now())) {
            return Uni.createFrom().item(cached.tenant());
        }
        return client.bySlug(slug).map(Optional::of)
                .onFailure(WebApplicationException.class)
                .recoverWithUni(e -> ((WebApplicationException) e).getResponse().getStatus() == 404
                        ? Uni.createFrom().item(Optional.<TenantInfo>empty())
                        : Uni.createFrom().failure(e))
                .invoke(tenant -> cache.put(slug, new Cached(tenant, Instant.now().plus(ttl))));
    }
}
