-- A message that failed for good (its wake-up dead-lettered) is tried again when an operator replays that dead letter:
-- a new round of attempts, first on the primary provider again. round_start: the attempts made before this round,
-- which do not count against it.
alter table messages add column round_start integer not null default 0 check (round_start >= 0 and round_start <= attempts);

-- 'refused': the provider refused the address (a wrong number, an unknown mailbox): nothing to retry, nor to replay.
alter table message_attempts drop constraint message_attempts_status_check;
alter table message_attempts add constraint message_attempts_status_check
    check (status in ('sending', 'sent', 'failed', 'refused', 'unknown'));

-- The day of the digest being sent: set when a scan claims it (next_digest_at then a ten-minute lease, so a scan of
-- another replica takes it again if this one stops), cleared once it is planned (next_digest_at then the next day's
-- time). A digest retried past midnight is still the day it was due.
alter table user_settings add column digest_day date;
