package io.comply360.commission.tenant;

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
 * An agency's people as tenant-service knows them, bounded (timeout, retries, breaker). Called by the Odoo sync
 * between its transactions, never inside one.
 */
@ApplicationScoped
@AsynchronousNonBlocking
@Timeout(6000)
@Retry(maxRetries = 2, delay = 200, jitter = 100)
@CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10000)
public class People {

    private final TenantServiceApi api;

    public People(@RestClient TenantServiceApi api) {
        this.api = api;
    }

    /**
     * The person, or null when tenant-service does not know them (left the agency): a normal answer, which neither
     * fails the caller nor counts against the breaker.
     */
    public Uni<TenantServiceApi.Person> person(UUID tenantId, String userId) {
        return CallerContext.resumeOn(() -> api.person(tenantId, userId)
                .onFailure(e -> e instanceof WebApplicationException web
                        && web.getResponse().getStatus() == 404)
                .recoverWithNull());
    }
}
