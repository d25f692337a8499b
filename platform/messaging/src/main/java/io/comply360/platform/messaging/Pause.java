package io.comply360.platform.messaging;

/** Waiting between reconnection attempts of the background threads, keeping their interrupt status. */
final class Pause {

    private Pause() {
    }

    static void millis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
