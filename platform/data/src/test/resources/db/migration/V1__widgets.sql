-- Test-only schema: a tenant table, a child with a composite foreign key, a global table, and a
-- job-discovery function, exercising every convention of the platform.
create table widgets (
    id           uuid primary key,
    tenant_id    uuid        not null,
    name         text        not null,
    due_at       timestamptz,
    processed_at timestamptz,
    processed_in uuid,
    unique (tenant_id, id)
);
select comply360_tenant_table('widgets');
select comply360_jobs_may_scan('widgets');

create table widget_parts (
    id        uuid primary key,
    tenant_id uuid not null,
    widget_id uuid not null,
    foreign key (tenant_id, widget_id) references widgets (tenant_id, id)
);
select comply360_tenant_table('widget_parts');

create table widget_kinds (
    code text primary key
);
select comply360_global_table('widget_kinds');

create function due_widgets(max_items integer) returns table (tenant_id uuid, id uuid)
language sql stable security definer set search_path = public, pg_temp as $$
    select w.tenant_id, w.id from widgets w
    where w.processed_at is null and w.due_at <= now()
    order by w.due_at
    limit max_items
$$;
select comply360_job_discovery('due_widgets(integer)');
