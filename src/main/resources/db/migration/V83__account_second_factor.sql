-- security-a: the second factor (TOTP, RFC 6238) of administrators, its single-use recovery codes (hashed),
-- remembered devices (token hashed) and the second-person reset of a factor
create table account_second_factor (
    account_id   bigint primary key references account (id) on delete cascade,
    secret       varchar(64) not null,
    confirmed_at timestamptz,
    last_step    bigint      not null default 0,
    -- wrong codes since the last good one (a good password does not set it back)
    failures     int         not null default 0,
    created_at   timestamptz not null default now()
);

create table account_recovery_code (
    id         bigserial primary key,
    account_id bigint      not null references account (id) on delete cascade,
    code_hash  varchar(64) not null,
    used_at    timestamptz
);
create index account_recovery_code_account_idx on account_recovery_code (account_id);

create table account_remembered_device (
    id         bigserial primary key,
    account_id bigint      not null references account (id) on delete cascade,
    token_hash varchar(64) not null unique,
    created_at timestamptz not null default now(),
    expires_at timestamptz not null
);
create index account_remembered_device_account_idx on account_remembered_device (account_id);

create table account_second_factor_reset (
    id           bigserial primary key,
    account_id   bigint       not null references account (id) on delete cascade,
    requested_by varchar(64)  not null,
    requested_at timestamptz  not null default now(),
    reason       varchar(200) not null,
    decided_by   varchar(64),
    decided_at   timestamptz,
    confirmed    boolean,
    refusal      varchar(200)
);
create unique index account_second_factor_reset_open_uq on account_second_factor_reset (account_id) where decided_at is null;
