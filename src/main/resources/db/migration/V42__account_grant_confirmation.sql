-- 三员分立 (issue 13, probe 1): a role that reads personal data, granted by the security administrator,
-- waits for a second person (the confirming administrator) before it takes effect.
alter table account_grant add column pending boolean not null default false;
alter table account_grant add column requested_by varchar(64);
create index account_grant_pending_idx on account_grant (organization_id) where pending;

-- the security administrator reset the password of an account that reads personal data: the account has no
-- usable password until the confirming administrator hands a one-time password over
alter table account add column handover_requested_at timestamptz;
alter table account add column handover_requested_by varchar(64);
create index account_handover_idx on account (id) where handover_requested_at is not null;
