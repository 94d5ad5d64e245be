-- 党员信息库. ID-card number and phone are stored encrypted (AES-GCM) with a keyed hash for exact
-- look-up and a masked form for lists; the plain values are never stored.
create table member (
    id                  bigserial primary key,
    name                varchar(50)  not null,
    gender              varchar(10)  not null,
    ethnicity           varchar(20)  not null,
    birth_date          date         not null,
    id_card_encrypted   text         not null,
    id_card_hash        varchar(64)     not null,
    id_card_masked      varchar(18)  not null,
    native_place        varchar(50),
    education           varchar(20)  not null,
    category            varchar(10)  not null,
    staff_number        varchar(64)  not null,
    phone_encrypted     text,
    phone_hash          varchar(64),
    phone_masked        varchar(11),
    organization_id     bigint       not null references organization (id),
    status              varchar(15)  not null,
    join_date           date         not null,
    conversion_date     date,
    graduation_year     int,
    account_id          bigint       references account (id),
    created_at          timestamptz  not null default now(),
    version             bigint       not null default 0,
    check (conversion_date is null or conversion_date > join_date),
    check (status <> 'PROBATIONARY' or conversion_date is null)
);
create unique index member_staff_number_uq on member (lower(staff_number));
create unique index member_id_card_uq on member (id_card_hash);
create index member_org_idx on member (organization_id, name);
create index member_name_idx on member (name text_pattern_ops);
