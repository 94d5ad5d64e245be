-- 组织生活: meetings of a branch (or of a general branch / the committee for its subtree), who was
-- invited, who asked for leave, and who checked in. A check-in is one row per person and meeting.
create table meeting (
    id                   bigserial primary key,
    organization_id      bigint       not null references organization (id),
    type                 varchar(30)  not null,
    topic                varchar(100) not null,
    start_at             timestamptz  not null,
    end_at               timestamptz  not null,
    place                varchar(200),
    lecturer             varchar(50),
    organiser_account_id bigint       not null references account (id),
    organiser            varchar(64)  not null,
    recorded_after       boolean      not null default false,
    created_at           timestamptz  not null default now(),
    version              bigint       not null default 0,
    check (end_at > start_at)
);
create index meeting_org_start_idx on meeting (organization_id, start_at);

create table meeting_invitee (
    meeting_id   bigint       not null references meeting (id),
    member_id    bigint       not null references member (id),
    leave_state  varchar(12),
    leave_reason varchar(200),
    primary key (meeting_id, member_id)
);
create index meeting_invitee_member_idx on meeting_invitee (member_id);

create table meeting_checkin (
    meeting_id    bigint      not null references meeting (id),
    member_id     bigint      not null references member (id),
    checked_in_at timestamptz not null,
    manual        boolean     not null,
    recorded_by   varchar(64) not null,
    primary key (meeting_id, member_id),
    foreign key (meeting_id, member_id) references meeting_invitee (meeting_id, member_id)
);
