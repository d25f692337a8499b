-- Tenancy conventions (docs/architecture.md → Tenancy), shared by every service database.
-- A Flyway callback: re-applied before every migration run, so it must stay idempotent
-- (create or replace, if not exists). Runs as the owner role. Placeholders:
--   ${app_role}  the role the service connects as (owns nothing, no BYPASSRLS)
--   ${jobs_role} the NOLOGIN role that owns SECURITY DEFINER job-discovery functions
--
-- A service migration declares the kind of every table it creates:
--   select comply360_tenant_table('registrations');          -- RLS by tenant_id
--   select comply360_global_table('wizard_definitions');     -- shared reference data, no RLS
--   select comply360_infrastructure_table('outbox');         -- plumbing, no RLS, never exposed
-- and, for cross-tenant work, a discovery function returning only (tenant_id, id):
--   select comply360_jobs_may_scan('registrations');
--   select comply360_job_discovery('due_sla_timers(integer)');

grant usage on schema public to ${app_role}, ${jobs_role};

create or replace function comply360_tenant_table(t regclass) returns void
language plpgsql as $fn$
begin
    execute format('alter table %s alter column tenant_id set default nullif(current_setting(''app.tenant_id'', true), '''')::uuid', t);
    execute format('alter table %s enable row level security', t);
    execute format('alter table %s force row level security', t);
    execute format('drop policy if exists tenant_isolation on %s', t);
    execute format('create policy tenant_isolation on %s as permissive for all '
        || 'using (tenant_id = nullif(current_setting(''app.tenant_id'', true), '''')::uuid) '
        || 'with check (tenant_id = nullif(current_setting(''app.tenant_id'', true), '''')::uuid)', t);
    execute format('grant select, insert, update, delete on %s to %I', t, '${app_role}');
    execute format('comment on table %s is %L', t, 'comply360:tenant');
end
$fn$;

create or replace function comply360_global_table(t regclass) returns void
language plpgsql as $fn$
begin
    execute format('grant select, insert, update, delete on %s to %I', t, '${app_role}');
    execute format('comment on table %s is %L', t, 'comply360:global');
end
$fn$;

create or replace function comply360_infrastructure_table(t regclass) returns void
language plpgsql as $fn$
begin
    execute format('grant select, insert, update, delete on %s to %I', t, '${app_role}');
    execute format('comment on table %s is %L', t, 'comply360:infrastructure');
end
$fn$;

-- Lets the jobs role (and only it) read every tenant's rows of a table, for discovery functions.
create or replace function comply360_jobs_may_scan(t regclass) returns void
language plpgsql as $fn$
begin
    execute format('grant select on %s to %I', t, '${jobs_role}');
    execute format('drop policy if exists jobs_discovery on %s', t);
    execute format('create policy jobs_discovery on %s as permissive for select to %I using (true)', t, '${jobs_role}');
end
$fn$;

-- Hands a discovery function to the jobs role: it must be SECURITY DEFINER with a fixed search_path and
-- return only (tenant_id, id); the application may execute it, nobody else.
create or replace function comply360_job_discovery(f regprocedure) returns void
language plpgsql as $fn$
begin
    if not (select prosecdef from pg_proc where oid = f) then
        raise exception 'job discovery function % must be SECURITY DEFINER', f;
    end if;
    execute format('alter function %s owner to %I', f, '${jobs_role}');
    execute format('revoke all on function %s from public', f);
    execute format('grant execute on function %s to %I', f, '${app_role}');
end
$fn$;

revoke all on function comply360_tenant_table(regclass), comply360_global_table(regclass),
    comply360_infrastructure_table(regclass), comply360_jobs_may_scan(regclass),
    comply360_job_discovery(regprocedure) from public;

-- Idempotency keys of creating POSTs: the stored answer is replayed for the same key and request.
create table if not exists idempotency_keys (
    tenant_id     uuid        not null,
    principal     text        not null,
    idem_key      text        not null,
    request_hash  text        not null,
    status        integer,
    location      text,
    body          text,
    created_at    timestamptz not null default now(),
    primary key (tenant_id, principal, idem_key)
);
select comply360_tenant_table('idempotency_keys');

-- Leases: one holder at a time for work that calls remote systems (Leases.java), so that it serialises without
-- holding a database connection or lock while it waits. An expired lease is free again (its holder died).
create table if not exists leases (
    name       text        primary key check (length(name) <= 200),
    holder     text        not null,
    expires_at timestamptz not null
);
select comply360_infrastructure_table('leases');
