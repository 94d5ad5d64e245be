-- A signed-in member's own record, found by their account: every member page asks it (the phone home eight times,
-- one for each module's card). Without an index it read the whole member table: 1 s at a province's 1 000 000
-- members, for each of those questions (issue 23).
create index member_account_idx on member (account_id) where account_id is not null;
