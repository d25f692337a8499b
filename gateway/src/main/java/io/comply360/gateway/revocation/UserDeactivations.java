package io.comply360.gateway.revocation;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import jakarta.enterprise.context.ApplicationScoped;

import io.comply360.platform.broker.CloudEvent;
import io.comply360.platform.broker.EventHandler;
import io.comply360.platform.broker.PermanentEventException;
import io.comply360.platform.broker.Topology;
import io.smallrye.mutiny.Uni;

/**
 * {@code tenant.user_deactivated} → the person's tokens issued until then are refused by every replica. The
 * gateway has no database: the handler is non-transactional and idempotent by itself (remembering a deactivation
 * again changes nothing); a Redis failure is retried like any other.
 */
@ApplicationScoped
public class UserDeactivations implements EventHandler {

    private final TokenRevocations revocations;

    public UserDeactivations(TokenRevocations revocations) {
        this.revocations = revocations;
    }

    @Override
    public String queue() {
        return Topology.GATEWAY_USER_DEACTIVATIONS.name();
    }

    @Override
    public boolean transactional() {
        return false;
    }

    @Override
    public Uni<Void> handle(CloudEvent event) {
        if (!"tenant.user_deactivated".equals(event.type())) {
            throw new PermanentEventException(queue() + " handles tenant.user_deactivated, not " + event.type());
        }
        String userId = event.data().path("userId").asText("");
        if (userId.isBlank()) {
            throw new PermanentEventException("tenant.user_deactivated/v1 without userId");
        }
        Instant at;
        try {
            at = Instant.parse(event.data().path("changedAt").asText());
        } catch (DateTimeParseException e) {
            throw new PermanentEventException("tenant.user_deactivated/v1 with a changedAt that is no time");
        }
        return revocations.deactivated(userId, at);
    }
}
