package io.comply360.gateway;

import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.comply360.platform.tenancy.CurrentTenant;
import io.vertx.core.net.HostAndPort;

/**
 * Which agency a host serves ({@code {slug}.{base-domain}}; the bare domain is the platform operators') and
 * which agency a token belongs to: the two must agree before anything is served.
 */
@ApplicationScoped
public class TenantHosts {

    private final String baseDomain;

    public TenantHosts(GatewayConfig config) {
        this.baseDomain = config.baseDomain().toLowerCase(Locale.ROOT);
    }

    /**
     * The slug of a tenant host; empty for the operators' bare domain; null for a host not served here. The
     * authority is the Host header in HTTP/1.1 and {@code :authority} in HTTP/2 (which has no Host header).
     */
    public Optional<String> slugOf(HostAndPort authority) {
        if (authority == null) {
            return null;
        }
        String host = authority.host().toLowerCase(Locale.ROOT);
        if (host.equals(baseDomain)) {
            return Optional.empty();
        }
        if (host.endsWith("." + baseDomain)) {
            String slug = host.substring(0, host.length() - baseDomain.length() - 1);
            return slug.matches("[a-z0-9][a-z0-9-]{1,61}[a-z0-9]") ? Optional.of(slug) : null;
        }
        return null;
    }

    /** The token's {@code tenant_id}, or null for a platform operator (or a malformed claim). */
    public static UUID tenantOf(JsonWebToken token) {
        if (token != null && token.getClaim(CurrentTenant.CLAIM) != null) {
            try {
                return UUID.fromString(
                        token.getClaim(CurrentTenant.CLAIM).toString().replace("\"", ""));
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return null;
    }
}
