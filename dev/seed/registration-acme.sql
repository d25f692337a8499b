-- Demo data of registration-service for the agency acme: clients and filings in several states, so that a newcomer
-- sees a working agency at once. Run by dev/up as registration_owner after the service has started (its wizard
-- definitions are stored by then); idempotent: fixed ids, "on conflict do nothing". psql variables: acme, agent,
-- admin (Keycloak user ids of agent@acme.test and admin@acme.test).
select set_config('app.tenant_id', :'acme', false);

insert into clients (id, tenant_id, kind, name, registration_number, email, phone, locale, version, created_at,
                     created_by, updated_at, updated_by) values
    ('a1000000-0000-4000-8000-000000000001', :'acme', 'company', 'Karoo Trading', null, 'info@karootrading.co.za',
     '+27215550100', 'en', 1, now(), :'agent', now(), :'agent'),
    ('a1000000-0000-4000-8000-000000000002', :'acme', 'person', 'Thandeka Mokoena', null, 'thandeka@example.co.za',
     '+27825550101', 'en', 1, now(), :'agent', now(), :'agent'),
    ('a1000000-0000-4000-8000-000000000003', :'acme', 'company', 'Blouberg Bakery', '2019/123456/07',
     'accounts@blouberg.co.za', '+27215550102', 'af', 1, now(), :'agent', now(), :'agent'),
    ('a1000000-0000-4000-8000-000000000004', :'acme', 'company', 'Umhlanga Surf Co', '2021/654321/07',
     'hello@umhlangasurf.co.za', '+27315550103', 'en', 1, now(), :'agent', now(), :'agent')
on conflict (id) do nothing;

insert into reference_counters (tenant_id, year, last)
values (:'acme', extract(year from now())::int, 100)
on conflict (tenant_id, year) do nothing;

-- Each filing's data is its definition's own examples (one per step).
with filings (id, client_id, type, status, seq, assignee, enterprise_number, registry_reference, step_count) as (
    values
        ('a2000000-0000-4000-8000-000000000001'::uuid, 'a1000000-0000-4000-8000-000000000001'::uuid,
         'name-reservation', 'DRAFT', 1, null, null, null, 1),
        ('a2000000-0000-4000-8000-000000000002'::uuid, 'a1000000-0000-4000-8000-000000000002'::uuid,
         'private-company', 'SUBMITTED', 2, null, null, null, 99),
        ('a2000000-0000-4000-8000-000000000003'::uuid, 'a1000000-0000-4000-8000-000000000003'::uuid,
         'vat-registration', 'IN_REVIEW', 3, :'admin', null, null, 99),
        ('a2000000-0000-4000-8000-000000000004'::uuid, 'a1000000-0000-4000-8000-000000000004'::uuid,
         'private-company', 'REGISTERED', 4, null, '2026/104455/07', '9429010004', 99)
), examples as (
    select f.id,
           jsonb_object_agg(s.value->>'id', s.value->'example') as data,
           array_agg(s.value->>'id' order by s.ordinality) as steps
    from filings f
    join wizard_definitions w on w.country = 'ZA' and w.type = f.type
        and w.version = (select max(version) from wizard_definitions v where v.country = 'ZA' and v.type = f.type)
    cross join lateral json_array_elements(w.definition->'steps') with ordinality s
    where s.ordinality <= f.step_count
    group by f.id
)
insert into registrations (id, tenant_id, reference, client_id, country, type, definition_version, status, data,
                           data_version, step_versions, last_step, company_name, agent_id, assignee_id,
                           registry_reference, enterprise_number, state_entered_at, due_at, version, created_at,
                           updated_at)
select f.id, :'acme', 'ACME-' || extract(year from now())::int || '-' || lpad(f.seq::text, 6, '0'), f.client_id, 'ZA',
       f.type, (select max(version) from wizard_definitions v where v.country = 'ZA' and v.type = f.type), f.status,
       e.data, 1, '{}'::jsonb, e.steps[array_length(e.steps, 1)],
       coalesce(e.data #>> '{names,proposedNames,0}', e.data #>> '{business,registeredName}'), :'agent', f.assignee,
       f.registry_reference, f.enterprise_number, now() - interval '3 hours', null, 1,
       now() - (f.seq || ' days')::interval, now() - interval '3 hours'
from filings f join examples e on e.id = f.id
on conflict (id) do nothing;

-- The filings past the draft have their documents verified (document-service's decisions, as its events would
-- record them): one per checklist slot of their definition — per person where a requirement is, only where its
-- condition holds.
insert into document_checks (tenant_id, registration_id, document_type, person_id, document_id, document_version,
                             status, data_version, checked_at)
select r.tenant_id, r.id, d->>'type', coalesce((slot.person->>'personId')::uuid, '00000000-0000-0000-0000-000000000000'),
       gen_random_uuid(), 1, 'VERIFIED', r.data_version, now() - interval '4 hours'
from registrations r
join wizard_definitions w on w.country = r.country and w.type = r.type and w.version = r.definition_version
cross join lateral json_array_elements(w.definition->'documents') d
cross join lateral (
    select p as person from jsonb_array_elements(
        case when d->'per' is not null then r.data -> (d->'per'->>'step') -> (d->'per'->>'items') end) p
    union all
    select null where d->'per' is null
) slot
where r.id in ('a2000000-0000-4000-8000-000000000002', 'a2000000-0000-4000-8000-000000000003',
               'a2000000-0000-4000-8000-000000000004')
  and (d->'when' is null
       or r.data #> array[d->'when'->>'step', d->'when'->>'field'] = (d->'when'->'equals')::text::jsonb)
on conflict do nothing;
