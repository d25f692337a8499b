package io.comply360.tenant.tenants;

/** A tenant's plan; quotas follow from it. */
public enum Tier {
    starter,
    professional,
    enterprise
}
