-- Certificates of completion (a course, a training class, later volunteer hours): one per holder and subject,
-- verified by anyone through its code.
create table certificate (
    id            bigserial    primary key,
    code          varchar(12)  not null unique,
    kind          varchar(20)  not null,
    subject_id    bigint       not null,
    account_id    bigint       not null,
    member_id     bigint,
    holder_name   varchar(100) not null,
    issuer_org_id bigint       not null,
    title         varchar(200) not null,
    achievement   varchar(300) not null,
    achieved_at   timestamptz  not null,
    issued_at     timestamptz  not null,
    unique (kind, subject_id, account_id)
);
create index certificate_account_idx on certificate (account_id, issued_at desc);
