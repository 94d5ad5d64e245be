-- 发展党员: people who have applied to join, at their branch, and the stage they have reached.
create table applicant (
    id              bigserial primary key,
    name            varchar(50)  not null,
    gender          varchar(10)  not null,
    birth_date      date         not null,
    staff_number    varchar(64)  not null,
    category        varchar(10)  not null,
    organization_id bigint       not null references organization (id),
    applied_on      date         not null,
    stage           varchar(15)  not null,
    stage_since     date         not null,
    created_at      timestamptz  not null default now(),
    version         bigint       not null default 0,
    check (stage_since >= applied_on)
);
create unique index applicant_staff_number_uq on applicant (lower(staff_number));
create index applicant_org_idx on applicant (organization_id, applied_on);
