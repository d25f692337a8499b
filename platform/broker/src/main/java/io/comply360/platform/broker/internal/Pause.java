package io.comply360.platform.broker.internal;

import java.time.Duration;

/** Pauses of the background threads: how long (doubling backoff), and waiting with the interrupt status kept. */
public final class Pause {

    private Pause() {}

    /** {@code first} after the first failure in a row, doubling with each further one, never over {@code longest}. */
    public static Duration doubling(Duration first, Duration longest, int failuresInARow) {
        Duration pause = first;
        for (int i = 1; i < failuresInARow && pause.compareTo(longest) < 0; i++) {
            pause = pause.multipliedBy(2);
        }
        return pause.compareTo(longest) < 0 ? pause : longest;
    }

    public static void millis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
