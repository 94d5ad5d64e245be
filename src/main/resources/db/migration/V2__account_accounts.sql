create table account (
    id                   bigserial primary key,
    username             varchar(64)  not null,
    display_name         varchar(50)  not null,
    password_hash        varchar(255) not null,
    must_change_password boolean      not null default true,
    failed_attempts      int          not null default 0,
    locked_until         timestamptz,
    enabled              boolean      not null default true,
    created_at           timestamptz  not null default now(),
    password_changed_at  timestamptz,
    version              bigint       not null default 0
);
create unique index account_username_uq on account (lower(username));

create table account_grant (
    id              bigserial primary key,
    account_id      bigint      not null references account (id) on delete cascade,
    role            varchar(30) not null,
    organization_id bigint      not null references organization (id),
    granted_at      timestamptz not null default now(),
    unique (account_id, role, organization_id)
);
create index account_grant_org_idx on account_grant (organization_id);
