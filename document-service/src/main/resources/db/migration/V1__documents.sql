-- document-service: supporting documents of filings, their versions, processing and decisions.

-- One row per uploaded version of a checklist slot (filing, document type, person). The original is stored once
-- in S3 under object_key and never changed; derived artefacts (the OCR text) under keys of their own.
create table documents (
    id               uuid        primary key,
    tenant_id        uuid        not null,
    registration_id  uuid        not null,
    document_type    text        not null,
    -- The nil uuid for a slot that is not per person.
    person_id        uuid        not null,
    version          integer     not null check (version >= 1),
    status           text        not null check (status in ('RECEIVED', 'QUEUED', 'PROCESSING', 'VERIFIED',
                         'NEEDS_REVIEW', 'REJECTED', 'FAILED')),
    -- The name the client gave, cleaned for display only (never part of a key).
    file_name        text        not null,
    declared_type    text,
    media_type       text        not null,
    size_bytes       bigint      not null check (size_bytes > 0),
    sha256           text        not null,
    pages            integer,
    width_px         integer,
    height_px        integer,
    -- What the checks noticed without refusing the file: encrypted, signed, javascript, embedded_files, …
    flags            text[]      not null default '{}',
    object_key       text        not null,
    text_key         text,
    -- How the text was read: text_layer or ocr; its mean word confidence (0–100).
    text_source      text,
    confidence       numeric(5, 2),
    -- Extracted fields with their confidence; the verification's findings (what matched, what differed).
    fields           jsonb       not null default '{"items": []}'::jsonb,
    findings         jsonb       not null default '{"items": []}'::jsonb,
    -- The terminal state's reason, and the filing's data version the document was checked against.
    reason           text,
    data_version     bigint,
    attempts         integer     not null default 0,
    -- While PROCESSING: until when the worker's claim holds (extended as it works); expired = the worker died.
    lease_until      timestamptz,
    uploaded_by      text        not null,
    uploaded_at      timestamptz not null,
    processed_at     timestamptz,
    decided_by       text,
    decided_at       timestamptz,
    row_version      bigint      not null default 0,
    unique (tenant_id, id),
    unique (tenant_id, registration_id, document_type, person_id, version)
);
create index documents_by_registration on documents (tenant_id, registration_id, document_type, person_id, version desc);
create index documents_by_hash on documents (tenant_id, sha256);
create index documents_stuck on documents (lease_until) where status = 'PROCESSING';
select comply360_tenant_table('documents');

-- Every state a document went through, with why and who (a user, or "worker").
create table document_states (
    id          uuid        primary key,
    tenant_id   uuid        not null,
    document_id uuid        not null,
    at          timestamptz not null,
    status      text        not null,
    reason      text,
    actor       text        not null,
    foreign key (tenant_id, document_id) references documents (tenant_id, id)
);
create index document_states_of on document_states (tenant_id, document_id, at);
select comply360_tenant_table('document_states');

-- Presigned uploads not completed yet: the object (if the client sent it) sits under a quarantine key until
-- POST …/{id}/complete checks it. Abandoned ones are swept (object and row) once they expire.
create table pending_uploads (
    id              uuid        primary key,
    tenant_id       uuid        not null,
    registration_id uuid        not null,
    document_type   text        not null,
    person_id       uuid        not null,
    file_name       text        not null,
    declared_type   text        not null,
    size_bytes      bigint      not null check (size_bytes > 0),
    object_key      text        not null,
    expires_at      timestamptz not null,
    created_by      text        not null,
    created_at      timestamptz not null
);
create index pending_uploads_expiry on pending_uploads (expires_at);
select comply360_tenant_table('pending_uploads');

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
create index audit_log_target on audit_log (tenant_id, target, at);
select comply360_tenant_table('audit_log');
revoke update, delete, truncate on audit_log from ${app_role};
revoke update, delete, truncate on document_states from ${app_role};

-- Jobs whose worker died (claim expired while PROCESSING), across tenants: the sweeper queues them again.
select comply360_jobs_may_scan('documents');
create function documents_stuck(max_items integer) returns table (tenant_id uuid, id uuid)
language sql stable security definer set search_path = public, pg_temp as $$
    select d.tenant_id, d.id from documents d
    where d.status = 'PROCESSING' and d.lease_until < now()
    order by d.lease_until
    limit max_items
$$;
select comply360_job_discovery('documents_stuck(integer)');

-- Presigned uploads past their expiry, across tenants: the sweeper deletes their object and row.
select comply360_jobs_may_scan('pending_uploads');
create function uploads_expired(max_items integer) returns table (tenant_id uuid, id uuid)
language sql stable security definer set search_path = public, pg_temp as $$
    select p.tenant_id, p.id from pending_uploads p
    where p.expires_at < now()
    order by p.expires_at
    limit max_items
$$;
select comply360_job_discovery('uploads_expired(integer)');
