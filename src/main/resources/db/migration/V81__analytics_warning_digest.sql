-- The weekly warnings digest: one notice per person per ISO week (2026-W49), however many nodes or runs.
create table analytics_warning_digest (
    account_id bigint      not null,
    week       varchar(8)  not null,
    warnings   integer     not null,
    sent_at    timestamptz not null,
    primary key (account_id, week)
);
