-- Demo rate cards of commission-service: one for each demo agency covering every filing type it offers, so that a
-- filing registered on a fresh stack earns its agent a commission at once. Run by dev/up as commission_owner once the
-- service has started; idempotent (fixed ids, "on conflict do nothing"). psql variables: acme, globex (tenant ids).
select set_config('app.tenant_id', :'acme', false);
insert into rate_cards (id, tenant_id, version, effective_from, vat_registered, note, lines, created_by, created_at)
values ('c1000000-0000-4000-8000-000000000001', :'acme', 1, date '2026-01-01', true,
        'Demo rate card: acme is VAT-registered (15 % on the professional fee).',
        '{"items": [
          {"country": "ZA", "type": "private-company", "professionalFee": 1500.00,
           "agentRule": {"kind": "PERCENTAGE", "percent": 12.5}},
          {"country": "ZA", "type": "name-reservation", "professionalFee": 350.00,
           "agentRule": {"kind": "FIXED", "amount": 40.00}},
          {"country": "ZA", "type": "close-corporation-changes", "professionalFee": 950.00,
           "agentRule": {"kind": "PERCENTAGE", "percent": 10}},
          {"country": "ZA", "type": "vat-registration", "professionalFee": 1200.00,
           "agentRule": {"kind": "TIERED", "tiers": [{"from": 1, "percent": 10}, {"from": 11, "percent": 12.5},
                                                     {"from": 26, "percent": 15}]}}
        ]}'::jsonb, 'dev/up', now())
on conflict (id) do nothing;

select set_config('app.tenant_id', :'globex', false);
insert into rate_cards (id, tenant_id, version, effective_from, vat_registered, note, lines, created_by, created_at)
values ('c1000000-0000-4000-8000-000000000002', :'globex', 1, date '2026-01-01', false,
        'Demo rate card: globex files in Zimbabwe (USD) and South Africa (ZAR); not VAT-registered.',
        '{"items": [
          {"country": "ZW", "type": "private-company", "professionalFee": 450.00,
           "agentRule": {"kind": "TIERED", "tiers": [{"from": 1, "percent": 10}, {"from": 6, "percent": 12.5}]}},
          {"country": "ZA", "type": "private-company", "professionalFee": 1650.00,
           "agentRule": {"kind": "FIXED", "amount": 175.00}},
          {"country": "ZA", "type": "name-reservation", "professionalFee": 300.00,
           "agentRule": {"kind": "FIXED", "amount": 30.00}},
          {"country": "ZA", "type": "close-corporation-changes", "professionalFee": 900.00,
           "agentRule": {"kind": "PERCENTAGE", "percent": 10}},
          {"country": "ZA", "type": "vat-registration", "professionalFee": 1100.00,
           "agentRule": {"kind": "PERCENTAGE", "percent": 10}}
        ]}'::jsonb, 'dev/up', now())
on conflict (id) do nothing;
