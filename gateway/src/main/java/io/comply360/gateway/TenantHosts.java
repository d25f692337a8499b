package io.comply360.gateway;

import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.comply360.platform.tenancy.CurrentTenant;

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

    /** The slug of a tenant host; empty for the operators' bare domain; null for a host not served here. */
    public Optional<String> slugOf(String hostHeader) {
        if (hostHeader == null) {
            return null;
        }
        String host = hostHeader.toLowerCase(Locale.ROOT).replaceFirst(":\\d+$", "");
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
                return UUID.fromString(token.getClaim(CurrentTenant.CLAIM).toString().replace("\"", ""));
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return null;
    }
}
