package io.comply360.commission.odoo;

/**
 * A sync job's state: PENDING (due at its next attempt), SENDING (committed before each call to Odoo: a SENDING job
 * whose claim expired was interrupted mid-call, so its next run searches Odoo before creating anything), DONE, or
 * FAILED (a permanent fault; a tenant admin retries it after fixing the cause).
 */
public enum SyncStatus {
    PENDING,
    SENDING,
    DONE,
    FAILED
}
