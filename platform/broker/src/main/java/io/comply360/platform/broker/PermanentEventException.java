package io.comply360.platform.broker;

/**
 * An event that can never be processed, however often it is retried (malformed envelope, data breaking its
 * schema). It goes straight to the dead-letter queue with this message.
 */
public class PermanentEventException extends RuntimeException {

    public PermanentEventException(String message) {
        super(message);
    }
}
