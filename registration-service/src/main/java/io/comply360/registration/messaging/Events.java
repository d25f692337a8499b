package io.comply360.registration.messaging;

import java.util.UUID;

import io.comply360.platform.broker.CloudEvent;
import io.comply360.platform.broker.PermanentEventException;

/** What every handler here needs of an envelope. */
final class Events {

    private Events() {}

    /** The event's tenant; an event without a valid one can never be handled (dead letter at once). */
    static UUID tenantOf(CloudEvent event) {
        if (event.tenantid() == null) {
            throw new PermanentEventException(event.type() + " without tenantid");
        }
        try {
            return UUID.fromString(event.tenantid());
        } catch (IllegalArgumentException e) {
            throw new PermanentEventException(event.type() + " with a tenantid that is no UUID");
        }
    }
}
