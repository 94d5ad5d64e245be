-- A cron firing is claimed once, by the first node to reach it: every node names a firing by the instant its cron
-- gave (not by when the node got round to it), so two nodes seeing one firing seconds apart name the same row.
create table scheduled_firing (
    job        varchar(64) not null,
    fired_at   timestamptz not null,
    claimed_by varchar(255) not null,
    claimed_at timestamptz not null default now(),
    primary key (job, fired_at)
);
