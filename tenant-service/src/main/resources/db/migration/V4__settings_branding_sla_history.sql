-- Settings grow: the agency's logo (a re-encoded PNG as a data URL), SLA targets per registration state (in
-- business hours), business hours, and notification defaults. Every saved version is kept with who saved it
-- and which fields changed.
alter table settings
    add column logo                  text  check (length(logo) <= 700000),
    add column sla_targets           jsonb not null default '{}'::jsonb,
    add column business_hours        jsonb not null
        default '{"days":["MONDAY","TUESDAY","WEDNESDAY","THURSDAY","FRIDAY"],"opens":"08:00","closes":"17:00"}'::jsonb,
    add column notification_defaults jsonb not null default '{"email":true,"sms":false,"inApp":true}'::jsonb;

create table settings_history (
    id             uuid        primary key,
    tenant_id      uuid        not null references tenants (id),
    version        bigint      not null,
    changed_at     timestamptz not null,
    changed_by     text        not null,
    changed_fields text[]      not null,
    snapshot       jsonb       not null,
    unique (tenant_id, version)
);
select comply360_tenant_table('settings_history');
revoke update, delete, truncate on settings_history from ${app_role};
