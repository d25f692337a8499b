package io.comply360.platform.broker;

/** Waiting between reconnection attempts of the background threads, keeping their interrupt status. */
public final class Pause {

    private Pause() {
    }

    public static void millis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
