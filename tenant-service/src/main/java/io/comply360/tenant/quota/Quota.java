package io.comply360.tenant.quota;

import java.util.Arrays;
import java.util.Optional;

import io.comply360.tenant.config.QuotaConfig;

/** The counted things of a tenant; names as clients and services write them. */
public enum Quota {
    AGENTS("agents"),
    REGISTRATIONS_PER_MONTH("registrations-per-month"),
    STORAGE_BYTES("storage-bytes");

    private final String id;

    Quota(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public long limitIn(QuotaConfig.Limits limits) {
        return switch (this) {
            case AGENTS -> limits.agents();
            case REGISTRATIONS_PER_MONTH -> limits.registrationsPerMonth();
            case STORAGE_BYTES -> limits.storageBytes();
        };
    }

    public static Optional<Quota> of(String id) {
        return Arrays.stream(values()).filter(quota -> quota.id.equals(id)).findFirst();
    }
}
