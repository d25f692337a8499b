package io.comply360.clients.tenant;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.comply360.platform.concurrent.CallerContext;
import io.smallrye.faulttolerance.api.AsynchronousNonBlocking;
import io.smallrye.mutiny.Uni;

/**
 * tenant-service's internal lookups, each bounded: a timeout over the REST client's own, retries (they are reads),
 * and a breaker that a "not found" does not open. Never called inside a transaction.
 */
@ApplicationScoped
@AsynchronousNonBlocking
@Timeout(6000)
@Retry(maxRetries = 2, delay = 200, jitter = 100, abortOn = TenantDirectory.NotFound.class)
@CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10000, skipOn = TenantDirectory.NotFound.class)
public class TenantDirectory {

    /** tenant-service answered that the tenant or person does not exist (in that tenant). */
    public static final class NotFound extends RuntimeException {
        NotFound(String what) {
            super(what + " not found in tenant-service", null, false, false);
        }
    }

    private final TenantServiceApi api;

    public TenantDirectory(@RestClient TenantServiceApi api) {
        this.api = api;
    }

    public Uni<TenantServiceApi.TenantInfo> tenant(UUID tenantId) {
        return CallerContext.resumeOn(() -> api.tenant(tenantId).onFailure().transform(f -> notFound(f, "Tenant")));
    }

    /** The person; fails with {@link NotFound} when tenant-service does not know them in that tenant. */
    public Uni<TenantServiceApi.Person> person(UUID tenantId, String userId) {
        return CallerContext.resumeOn(
                () -> api.person(tenantId, userId).onFailure().transform(f -> notFound(f, "Person")));
    }

    /** The agency's logo image at a version of its branding ({@code v} of the branding's logo address). */
    public Uni<byte[]> logo(UUID tenantId, String version) {
        return CallerContext.resumeOn(
                () -> api.logo(tenantId, version).onFailure().transform(f -> notFound(f, "Logo")));
    }

    /** The enabled people of the tenant with {@code role}; {@link NotFound} for an unknown tenant. */
    public Uni<java.util.List<TenantServiceApi.Person>> people(UUID tenantId, String role) {
        return CallerContext.resumeOn(
                () -> api.people(tenantId, role).onFailure().transform(f -> notFound(f, "Tenant")));
    }

    private static Throwable notFound(Throwable failure, String what) {
        return failure instanceof WebApplicationException web
                        && web.getResponse().getStatus() == 404
                ? new NotFound(what)
                : failure;
    }
}
