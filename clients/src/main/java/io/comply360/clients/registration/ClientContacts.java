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
 * How to reach a client of the agency (registration-service), bounded: a timeout over the REST client's own, retries
 * (a read), and a breaker that "not found" does not open. Never called inside a transaction.
 */
@ApplicationScoped
@AsynchronousNonBlocking
@Timeout(6000)
@Retry(maxRetries = 2, delay = 200, jitter = 100, abortOn = ClientContacts.NotFound.class)
@CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10000, skipOn = ClientContacts.NotFound.class)
public class ClientContacts {

    /** registration-service has no such client in that tenant. */
    public static final class NotFound extends RuntimeException {
        NotFound() {
            super("Client not found in registration-service", null, false, false);
        }
    }

    private final RegistrationClientsApi api;

    public ClientContacts(@RestClient RegistrationClientsApi api) {
        this.api = api;
    }

    public Uni<RegistrationClientsApi.Contact> contact(UUID tenantId, UUID clientId) {
        return CallerContext.resumeOn(() -> api.contact(clientId, tenantId)
                .onFailure()
                .transform(failure -> failure instanceof WebApplicationException web
                                && web.getResponse().getStatus() == 404
                        ? new NotFound()
                        : failure));
    }
}
