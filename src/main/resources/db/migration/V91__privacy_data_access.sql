-- 谁查看了我的数据: each time someone saw members' personal data (a reveal, an export, a printed letter), once,
-- with all the members it showed in one array (an export of 50 000 members is one row), searched through a GIN index.
create table privacy_data_access (
    id                bigserial    primary key,
    occurred_at       timestamptz  not null default now(),
    kind              varchar(10)  not null check (kind in ('REVEAL', 'EXPORT', 'LETTER')),
    member_ids        bigint[]     not null,
    actor_account_id  bigint,
    actor_name        varchar(64),
    role              varchar(30),
    organization_id   bigint,
    organization_name varchar(200),
    reason            varchar(300)
);
create index privacy_data_access_members_idx on privacy_data_access using gin (member_ids);
