-- Every change to an agency's people (invite, roles, deactivate, reactivate) as a journal entry. It is written
-- before Keycloak is asked, so that a change is recorded (audit entry, event) if and only if it took effect: an
-- attempt that died half-way is resumed by a retry with the same Idempotency-Key, by the agency's next people
-- change, or by the recovery job, which completes what took effect and drops what did not. Changes of one agency
-- run one at a time (a lease), without holding a database connection while Keycloak answers.
create table people_changes (
    id                   uuid        primary key,
    tenant_id            uuid        not null references tenants (id),
    kind                 text        not null check (kind in ('invite', 'roles', 'deactivate', 'reactivate')),
    -- Keycloak's id of the person; for an invite, once the account exists.
    user_id              text,
    -- Invites only, and only until the change is settled (personal data is not kept in the journal).
    email                text,
    first_name           text,
    last_name            text,
    roles                text[],
    previous_roles       text[],
    requested_by         text        not null,
    idem_key             text,
    state                text        not null check (state in ('pending', 'done', 'failed')),
    -- An invite asked Keycloak for the account: from then on an account with its address may be its own.
    account_requested_at timestamptz,
    mail_sent_at         timestamptz,
    failure              text,
    requested_at         timestamptz not null,
    settled_at           timestamptz
);
select comply360_tenant_table('people_changes');
create index people_changes_pending on people_changes (tenant_id, requested_at) where state = 'pending';
create unique index people_changes_idem_key on people_changes (tenant_id, requested_by, idem_key) where idem_key is not null;

-- Pending changes nobody resumed for a while: their attempt died (the recovery job settles them).
select comply360_jobs_may_scan('people_changes');
create function stale_people_changes(max_items integer) returns table (tenant_id uuid, id uuid)
language sql stable security definer set search_path = public, pg_temp as $$
    select c.tenant_id, c.id from people_changes c
    where c.state = 'pending' and c.requested_at < now() - interval '2 minutes'
    order by c.requested_at
    limit max_items
$$;
select comply360_job_discovery('stale_people_changes(integer)');
