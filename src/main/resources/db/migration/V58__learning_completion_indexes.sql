-- The completion table of an outline for the whole school (50 000 members) reads every member with an account in the
-- subtree and every finished row of the outline. From the tables those rows lie one to a page (members were
-- registered branch after branch, outlines finished week after week), ~60 000 page visits; from these covering
-- indexes they are index-only scans of a few hundred pages. (LearningBenchmark: committee p95 596 ms before.)
create index member_accounts_idx on member (organization_id) include (id, account_id, name)
    where departed_on is null and account_id is not null;
create index learning_outline_done_cover_idx on learning_outline_done (outline_id) include (account_id, on_time, finished_at);
