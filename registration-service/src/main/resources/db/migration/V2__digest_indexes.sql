-- The daily digest (GET /internal/registrations/digest) reads one tenant's filings that need attention.

-- Waiting for a reviewer, oldest in its state first: the count and the first items come straight off the index.
create index registrations_waiting_for_review on registrations (tenant_id, state_entered_at, id)
    where status in ('SUBMITTED', 'RESUBMITTED', 'IN_REVIEW');

-- Running an SLA clock, by due time: those due soon and those past due (registrations_sla_due serves the
-- cross-tenant scanner, not one tenant).
create index registrations_by_due on registrations (tenant_id, due_at, id) where due_at is not null;
