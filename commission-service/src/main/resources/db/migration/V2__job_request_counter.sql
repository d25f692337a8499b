-- A change during a run (SENDING) makes the job run again afterwards. Comparing the change's time with the run's
-- start lost changes: a change stamped just before a run started, but committed after the run had read the old
-- state, looked older than the run. Every request now counts up; a run that ends with a count other than the one it
-- claimed with knows it pushed a stale state.
alter table odoo_jobs add column requests bigint not null default 0;
