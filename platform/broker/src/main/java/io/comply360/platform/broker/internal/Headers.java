package io.comply360.platform.broker.internal;

/** Message headers our retry and dead-letter handling adds (besides the CloudEvent in the body). */
public final class Headers {

    /** Delivery attempt the message is on (1 for the first delivery; absent means 1). */
    public static final String ATTEMPT = "x-comply360-attempt";
    /** Why the last attempt failed. */
    public static final String ERROR = "x-comply360-error";
    /** Where the event was first published, so a replay goes back there. */
    public static final String ORIGINAL_EXCHANGE = "x-comply360-original-exchange";

    public static final String ORIGINAL_ROUTING_KEY = "x-comply360-original-routing-key";
    public static final String DEAD_LETTERED_AT = "x-comply360-dead-lettered-at";
    public static final String TENANT_ID = "tenantid";

    private Headers() {}
}
