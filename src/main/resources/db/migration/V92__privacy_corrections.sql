-- 更正申请: a member says which fields of their data are wrong and how; their branch (or above) answers
-- accepted or refused, always with a reason.
create table privacy_correction (
    id               bigserial    primary key,
    member_id        bigint       not null,
    organization_id  bigint       not null,
    fields           varchar(200) not null,
    description      varchar(1000) not null,
    state            varchar(10)  not null check (state in ('OPEN', 'ACCEPTED', 'REFUSED')),
    answer           varchar(500),
    answered_by      varchar(64),
    answered_at      timestamptz,
    created_at       timestamptz  not null default now(),
    check ((state = 'OPEN') = (answered_at is null))
);
create index privacy_correction_member_idx on privacy_correction (member_id, created_at);
create index privacy_correction_open_idx on privacy_correction (organization_id) where state = 'OPEN';
