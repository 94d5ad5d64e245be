-- 组织生活 compliance kept per branch and month, so a province's report reads thousands of rows, not millions of
-- invitations. Each signed-off meeting is counted once (meeting_minutes.counted) for every branch its audience
-- answers for: orglife_branch_month holds how many of each kind counted in a month (group_id: the 党小组 whose own
-- 党小组会 it was, else 0). 谈心谈话 are kept per member and interval (a month, a quarter, a year: months 1, 3, 12),
-- once whatever the number of talks, and summed per branch in orglife_talk_count. The orglife module keeps them
-- (Compliance counts at sign-off and catches up rows written in bulk) and rebuilds them when the tree moves.
alter table meeting_minutes add column counted boolean not null default false;
create index meeting_minutes_uncounted_idx on meeting_minutes (meeting_id) where signed_off_at is not null and not counted;

create table orglife_branch_month (
    branch_id bigint      not null,
    month     date        not null,
    type      varchar(30) not null,
    group_id  bigint      not null default 0,
    meetings  integer     not null,
    primary key (branch_id, month, type, group_id)
);
create index orglife_branch_month_month_idx on orglife_branch_month (month, branch_id);

create table orglife_talked (
    member_id  bigint   not null,
    months     smallint not null,
    from_month date     not null,
    branch_id  bigint   not null,
    primary key (member_id, months, from_month)
);

create table orglife_talk_count (
    branch_id  bigint   not null,
    months     smallint not null,
    from_month date     not null,
    members    integer  not null,
    primary key (branch_id, months, from_month)
);
create index orglife_talk_count_from_idx on orglife_talk_count (months, from_month, branch_id);
