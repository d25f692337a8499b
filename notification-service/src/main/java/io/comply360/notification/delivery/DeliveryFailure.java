package io.comply360.notification.delivery;

/**
 * Why a provider did not take a message. {@code TRANSIENT}: try again later (unreachable, timed out, busy, 5xx);
 * {@code PROVIDER}: this provider cannot send anything now (its credentials refused, its breaker open) — the fallback
 * may; {@code RECIPIENT}: the address itself is refused, by any provider (fail at once).
 */
public class DeliveryFailure extends RuntimeException {

    public enum Kind {
        TRANSIENT,
        PROVIDER,
        RECIPIENT
    }

    private final Kind kind;

    public DeliveryFailure(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    /** What the log shows of a failure: ours as it is, anything else with its type. */
    public static String describe(Throwable failure) {
        String text = failure instanceof DeliveryFailure
                ? failure.getMessage()
                : failure.getClass().getSimpleName()
                        + (failure.getMessage() == null ? "" : ": " + failure.getMessage());
        return text.length() > 1000 ? text.substring(0, 1000) : text;
    }
}
