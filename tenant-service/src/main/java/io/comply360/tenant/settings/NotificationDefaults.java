package io.comply360.tenant.settings;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The channels the agency's people get unless they choose otherwise. */
@RegisterForReflection // also read and written by Hibernate's JSON mapping, outside REST
public record NotificationDefaults(boolean email, boolean sms, boolean inApp) {

    /** Also the column's default in the database. */
    public static final NotificationDefaults DEFAULT = new NotificationDefaults(true, false, true);
}
