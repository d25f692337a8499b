package io.comply360.notification.delivery;

/** Where a message stands: queued → sending → sent → delivered, or failed; skipped when preferences left it out. */
public final class Status {

    public static final String QUEUED = "queued";
    public static final String SENDING = "sending";
    public static final String SENT = "sent";
    public static final String DELIVERED = "delivered";
    public static final String FAILED = "failed";
    public static final String SKIPPED = "skipped";

    private Status() {}

    /** Whether nothing more will be tried (a provider's callback may still turn sent into delivered or failed). */
    public static boolean settled(String status) {
        return SENT.equals(status) || DELIVERED.equals(status) || FAILED.equals(status) || SKIPPED.equals(status);
    }
}
