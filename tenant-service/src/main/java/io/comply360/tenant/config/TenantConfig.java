package io.comply360.tenant.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "comply360.tenant")
public interface TenantConfig {

    /**
     * The address of a tenant's portal, {@code {slug}} replaced by its slug: registered as a redirect URI on
     * the gateway's client (Keycloak matches no wildcard hosts) and used in invitation mails.
     */
    @WithDefault("http://{slug}.localhost:8080")
    String portalUrl();

    /** The confidential client of the web portal (the gateway). */
    @WithDefault("comply360-gateway")
    String portalClientId();

    /** How long a set-password link in an invitation mail stays valid. */
    @WithDefault("P3D")
    Duration invitationLifespan();

    default String portalOf(String slug) {
        return portalUrl().replace("{slug}", slug);
    }
}
