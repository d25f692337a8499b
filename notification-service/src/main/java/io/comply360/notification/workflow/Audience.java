package io.comply360.notification.workflow;

/** Who a workflow's rule tells, resolved at send time from the event's ids. */
public enum Audience {
    /** The agent of record of the filing (or the agent a commission is for). */
    AGENT,
    /** Whoever holds the case. */
    ASSIGNEE,
    /** Every enabled tenant admin of the agency. */
    TENANT_ADMINS,
    /** The filing's client contact (not a user: e-mail and SMS only). */
    CLIENT,
    /** The person the event is about (an invited user, a digest's reader). */
    SUBJECT_USER,
    /** Whoever a {@code notification.requested} names. */
    REQUESTED
}
