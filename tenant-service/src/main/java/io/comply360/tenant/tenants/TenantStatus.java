package io.comply360.tenant.tenants;

/**
 * Where a tenant is in its life. {@code provisioning} until its Keycloak set-up is complete; the gateway
 * serves only {@code active} tenants. {@code cancelled}: a provisioning that a platform admin stopped; its slug
 * is free for another tenant.
 */
public enum TenantStatus {
    provisioning,
    active,
    suspended,
    closed,
    cancelled
}
