package io.comply360.tenant.settings;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A tenant's logo: the image as we re-encoded it, and its digest (the ETag and the cache-busting version). */
@Entity
@Table(name = "tenant_logos")
public class TenantLogo {

    @Id
    @Column(name = "tenant_id")
    public UUID tenantId;

    @Column(name = "media_type")
    public String mediaType;

    public byte[] image;

    public String sha256;

    public Integer width;

    public Integer height;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Column(name = "updated_by")
    public String updatedBy;

    /** A short version of the digest: enough to tell two logos apart in an ETag or a URL. */
    public String version() {
        return versionOf(sha256);
    }

    /** The version of a logo whose digest is {@code sha256}; null without one. */
    public static String versionOf(String sha256) {
        return sha256 == null ? null : sha256.substring(0, 16);
    }

    /** Where the caller's logo of a version is served: what the settings show. */
    public static String urlOf(String version) {
        return version == null ? null : "/api/v1/settings/logo?v=" + version;
    }
}
