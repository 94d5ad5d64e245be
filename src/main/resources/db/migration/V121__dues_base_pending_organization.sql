-- Bases waiting for a decision, found by organisation (issue 23): the member's organisation when they declared, kept
-- current by the daily no-base run (a member transferred since), null for declarations older than this column (the
-- member's organisation is then read when they are listed). The roll page and the list of bases to approve narrow the
-- waiting declarations to the scope here instead of reading every waiting member of the platform.
alter table dues_base add column organization_id bigint;
create index dues_base_pending_org_idx on dues_base (organization_id) where state = 'PENDING';
