-- Workflows per event: messages by email, SMS and in-app, templates per tenant, preferences, the delivery log.

-- In-app notifications are addressed to one person each (their own read state). The one role-addressed kind (the
-- welcome of a new agency) is now sent to each of its tenant admins; rows addressed to a role are dropped.
delete from notifications where audience_user is null;
alter table notifications drop constraint if exists notifications_check;
alter table notifications drop column audience_role;
alter table notifications alter column audience_user set not null;
alter table notifications add column workflow text;
alter table notifications add column link text;
alter table notifications add column message_id uuid;
create unique index notifications_once on notifications (tenant_id, source_event_id, audience_user);
create index notifications_inbox on notifications (tenant_id, audience_user, created_at desc, id);
create index notifications_unread on notifications (tenant_id, audience_user) where read_at is null;
drop index notifications_recent;

-- An event whose messages were planned (recipients resolved, templates rendered, rows written): a redelivered or
-- replayed event finds it and sends nothing new.
create table planned_events (
    tenant_id  uuid        not null,
    event_id   text        not null,
    workflow   text        not null,
    messages   integer     not null,
    planned_at timestamptz not null,
    primary key (tenant_id, event_id)
);
select comply360_tenant_table('planned_events');

-- One message to one recipient on one channel: the delivery log. recipient is the subscriber key
-- (tenantId:userId or tenantId:client:<id>); address the e-mail address or phone number it went to.
create table messages (
    id                  uuid        primary key,
    tenant_id           uuid        not null,
    source_event_id     text        not null,
    workflow            text        not null,
    channel             text        not null check (channel in ('email', 'sms', 'in_app')),
    recipient           text        not null,
    address             text,
    locale              text        not null,
    critical            boolean     not null,
    template_source     text        not null check (template_source in ('default', 'tenant')),
    template_version    integer     not null,
    subject             text,
    body                text        not null,
    html                text,
    status              text        not null check (status in ('queued', 'sending', 'sent', 'delivered', 'failed',
                            'skipped')),
    attempts            integer     not null default 0,
    provider            text,
    provider_message_id text,
    last_error          text,
    not_before          timestamptz,
    created_at          timestamptz not null,
    updated_at          timestamptz not null,
    sent_at             timestamptz,
    delivered_at        timestamptz,
    unique (tenant_id, source_event_id, recipient, channel)
);
create index messages_recent on messages (tenant_id, created_at desc, id);
create index messages_by_recipient on messages (tenant_id, recipient, created_at desc);
create index messages_by_provider_id on messages (tenant_id, provider_message_id) where provider_message_id is not null;
create index messages_deferred on messages (not_before) where status = 'queued' and not_before is not null;
select comply360_tenant_table('messages');

-- Every attempt to hand a message to a provider: committed as 'sending' before the call, then its outcome.
-- 'unknown': the process stopped during the call (the provider may have sent it; the retry may send it twice).
create table message_attempts (
    tenant_id           uuid        not null,
    message_id          uuid        not null references messages (id) on delete cascade,
    attempt             integer     not null,
    provider            text        not null,
    status              text        not null check (status in ('sending', 'sent', 'failed', 'unknown')),
    provider_message_id text,
    error               text,
    started_at          timestamptz not null,
    finished_at         timestamptz,
    primary key (message_id, attempt)
);
select comply360_tenant_table('message_attempts');

-- A tenant's own version of a template (workflow, channel, locale). Versions are kept; the newest is in force, and
-- a version with reverted = true puts the built-in template back.
create table templates (
    id         uuid        primary key,
    tenant_id  uuid        not null,
    workflow   text        not null,
    channel    text        not null check (channel in ('email', 'sms', 'in_app')),
    locale     text        not null check (locale in ('en', 'af')),
    version    integer     not null check (version >= 1),
    reverted   boolean     not null default false,
    subject    text,
    body       text,
    html       text,
    created_by text        not null,
    created_at timestamptz not null,
    unique (tenant_id, workflow, channel, locale, version)
);
select comply360_tenant_table('templates');

-- A person's choices: channels off per workflow, everything off (critical messages still come), SMS quiet hours,
-- and for tenant admins the daily digest.
create table user_settings (
    id             uuid        not null unique,
    tenant_id      uuid        not null,
    user_id        text        not null,
    opted_out      boolean     not null default false,
    quiet_start    time,
    quiet_end      time,
    time_zone      text        not null,
    digest_enabled boolean     not null default false,
    digest_at      time,
    next_digest_at timestamptz,
    updated_at     timestamptz not null,
    primary key (tenant_id, user_id),
    check ((quiet_start is null) = (quiet_end is null)),
    check (not digest_enabled or digest_at is not null)
);
create index user_settings_digest_due on user_settings (next_digest_at) where digest_enabled;
select comply360_tenant_table('user_settings');

create table channel_preferences (
    tenant_id uuid    not null,
    user_id   text    not null,
    workflow  text    not null,
    channel   text    not null check (channel in ('email', 'sms', 'in_app')),
    enabled   boolean not null,
    primary key (tenant_id, user_id, workflow, channel)
);
select comply360_tenant_table('channel_preferences');

-- Who changed templates (tenant admins' saves and reverts), in the shape every service keeps its audit trail.
create table audit_log (
    id         uuid        primary key,
    tenant_id  uuid        not null,
    at         timestamptz not null,
    -- The acting user's id (the token's subject), pseudonymous; never a name or address.
    actor      text        not null,
    actor_role text        not null,
    action     text        not null,
    target     text,
    detail     jsonb       not null default '{}'::jsonb
);
create index audit_log_tenant_at on audit_log (tenant_id, at desc);
select comply360_tenant_table('audit_log');
revoke update, delete, truncate on audit_log from ${app_role};

-- Messages held back by quiet hours whose time has come, across tenants.
select comply360_jobs_may_scan('messages');
create function deferred_messages_due(max_items integer) returns table (tenant_id uuid, id uuid)
language sql stable security definer set search_path = public, pg_temp as $$
    select m.tenant_id, m.id from messages m
    where m.status = 'queued' and m.not_before is not null and m.not_before <= now()
    order by m.not_before
    limit max_items
$$;
select comply360_job_discovery('deferred_messages_due(integer)');

-- People whose daily digest is due, across tenants (id: their settings row).
select comply360_jobs_may_scan('user_settings');
create function digests_due(max_items integer) returns table (tenant_id uuid, id uuid)
language sql stable security definer set search_path = public, pg_temp as $$
    select s.tenant_id, s.id from user_settings s
    where s.digest_enabled and s.next_digest_at <= now()
    order by s.next_digest_at
    limit max_items
$$;
select comply360_job_discovery('digests_due(integer)');
