package io.comply360.clients.registration;

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
 * registration-service's view of a filing, bounded: a timeout over the REST client's own, retries (a read), and a
 * breaker that "not found" does not open. Never called inside a transaction.
 */
@ApplicationScoped
@AsynchronousNonBlocking
@Timeout(6000)
@Retry(maxRetries = 2, delay = 200, jitter = 100, abortOn = Filings.NotFound.class)
@CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10000, skipOn = Filings.NotFound.class)
public class Filings {

    /** registration-service has no such filing in that tenant. */
    public static final class NotFound extends RuntimeException {
        NotFound() {
            super("Registration not found in registration-service", null, false, false);
        }
    }

    private final RegistrationServiceApi api;

    public Filings(@RestClient RegistrationServiceApi api) {
        this.api = api;
    }

    /** The tenant's filings waiting for review and its SLA warnings (a tenant admin's daily digest). */
    public Uni<RegistrationServiceApi.Digest> digest(UUID tenantId, int warnWithinHours) {
        return CallerContext.resumeOn(() -> api.digest(tenantId, warnWithinHours));
    }

    public Uni<RegistrationServiceApi.FilingData> filingData(UUID tenantId, UUID registrationId) {
        return CallerContext.resumeOn(() -> api.filingData(registrationId, tenantId)
                .onFailure()
                .transform(failure -> failure instanceof WebApplicationException web
                                && web.getResponse().getStatus() == 404
                        ? new NotFound()
                        : failure));
    }
}
