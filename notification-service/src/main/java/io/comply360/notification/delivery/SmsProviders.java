package io.comply360.notification.delivery;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.comply360.notification.config.NotificationConfig;
import io.smallrye.faulttolerance.api.AsynchronousNonBlocking;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerName;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.mutiny.Uni;

/**
 * The SMS providers: a primary and an optional fallback, each a Twilio-compatible API behind its own breaker (a
 * provider that keeps failing is skipped for a while; a refused number does not count against it). Which one an
 * attempt uses is the dispatcher's choice ({@link #forAttempt}).
 */
@ApplicationScoped
public class SmsProviders {

    private final TwilioClient primary;
    private final Optional<TwilioClient> fallback;
    private final NotificationConfig config;
    private final CircuitBreakerMaintenance breakers;

    public SmsProviders(NotificationConfig config, ObjectMapper json, CircuitBreakerMaintenance breakers) {
        this.config = config;
        this.breakers = breakers;
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(3))
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        Duration timeout = config.sms().timeout();
        this.primary = new TwilioClient(config.sms().primary(), http, timeout, json);
        this.fallback = config.sms().fallback().map(p -> new TwilioClient(p, http, timeout, json));
    }

    /**
     * The provider of an attempt (1-based): the primary for its first {@code primary-attempts} attempts while its
     * breaker lets calls through, the fallback after that (the primary again when there is none).
     */
    public TwilioClient forAttempt(int attempt) {
        if (fallback.isEmpty()) {
            return primary;
        }
        boolean primaryDown = breakers.currentState("sms-primary") == CircuitBreakerState.OPEN;
        return attempt > config.sms().primaryAttempts() || primaryDown ? fallback.get() : primary;
    }

    /** The provider called {@code name}, for verifying its callbacks. */
    public Optional<NotificationConfig.Provider> named(String name) {
        if (config.sms().primary().name().equals(name)) {
            return Optional.of(config.sms().primary());
        }
        return config.sms().fallback().filter(p -> p.name().equals(name));
    }

    public Uni<String> send(TwilioClient provider, String to, String body, String callback) {
        return provider == primary ? sendPrimary(to, body, callback) : sendFallback(to, body, callback);
    }

    @AsynchronousNonBlocking
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 30_000, skipOn = RecipientFault.class)
    @CircuitBreakerName("sms-primary")
    Uni<String> sendPrimary(String to, String body, String callback) {
        return primary.send(to, body, callback)
                .onFailure(SmsProviders::recipient)
                .transform(RecipientFault::new);
    }

    @AsynchronousNonBlocking
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 30_000, skipOn = RecipientFault.class)
    @CircuitBreakerName("sms-fallback")
    Uni<String> sendFallback(String to, String body, String callback) {
        return fallback.orElseThrow()
                .send(to, body, callback)
                .onFailure(SmsProviders::recipient)
                .transform(RecipientFault::new);
    }

    private static boolean recipient(Throwable failure) {
        return failure instanceof DeliveryFailure d && d.kind() == DeliveryFailure.Kind.RECIPIENT;
    }

    /** A refused number, wrapped so that the breaker skips it. */
    public static final class RecipientFault extends DeliveryFailure {
        RecipientFault(Throwable cause) {
            super(Kind.RECIPIENT, cause.getMessage());
        }
    }
}
