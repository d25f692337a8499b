package io.comply360.platform.broker.internal;

import java.time.Duration;

/**
 * A handler did not complete within {@code comply360.messaging.handler-timeout}: a failed attempt like any other
 * (retried, then dead-lettered), so one stuck call never holds its queue.
 */
public class HandlerTimeoutException extends RuntimeException {

    public HandlerTimeoutException(String queue, Duration limit) {
        super("The handler of " + queue + " did not complete within " + limit.toMillis() + " ms", null, false, false);
    }
}
