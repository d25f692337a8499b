package io.comply360.notification.workflow;

import java.util.Arrays;
import java.util.Optional;

/** Where a message goes. {@link #wire()} is its name in the API, the database and events. */
public enum Channel {
    IN_APP("in_app"),
    EMAIL("email"),
    SMS("sms");

    private final String wire;

    Channel(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<Channel> of(String wire) {
        return Arrays.stream(values()).filter(c -> c.wire.equals(wire)).findFirst();
    }
}
