-- 书记信箱 / 组织信箱: letters from a member or an applicant to their branch, general branch or committee.
-- An anonymous letter keeps no link to its writer: no account, no name, no branch, no time finer than the day,
-- and an id drawn at random for every letter (never a sequence that lines letters up with other rows).
create table interaction_letter (
    id                bigint       primary key,
    addressed_to      varchar(16)  not null,
    organization_id   bigint       not null,
    origin_branch_id  bigint,
    writer_account_id bigint,
    writer_name       varchar(64),
    anonymous         boolean      not null,
    code_hash         varchar(64),
    subject           varchar(100) not null,
    body              text         not null,
    state             varchar(16)  not null,
    written_on        date         not null,
    written_at        timestamptz,
    waiting_since     timestamptz  not null,
    escalation_done   boolean      not null default false,
    constraint interaction_letter_anonymous_unlinked check (
        (anonymous and writer_account_id is null and writer_name is null and origin_branch_id is null
             and written_at is null and code_hash is not null)
        or (not anonymous and writer_account_id is not null and writer_name is not null and code_hash is null))
);
create index interaction_letter_org_idx on interaction_letter (organization_id, state, waiting_since);
create index interaction_letter_writer_idx on interaction_letter (writer_account_id, written_on desc)
    where writer_account_id is not null;
create index interaction_letter_due_idx on interaction_letter (waiting_since)
    where state = 'WAITING' and not escalation_done;
create unique index interaction_letter_code_idx on interaction_letter (code_hash) where code_hash is not null;

-- What happened to a letter after it was written: forwarded, escalated, answered, closed (a named letter also
-- has its WRITTEN step; an anonymous one has none, so no step's time or id dates it).
create table interaction_letter_step (
    id         bigserial    primary key,
    letter_id  bigint       not null references interaction_letter (id),
    kind       varchar(16)  not null,
    from_org   bigint,
    to_org     bigint,
    text       text,
    actor_name varchar(64),
    at         timestamptz  not null
);
create index interaction_letter_step_letter_idx on interaction_letter_step (letter_id, id);

-- A committee's switch for anonymous letters (off unless the committee turns it on; each change audited).
create table interaction_letter_setting (
    committee_id      bigint      primary key,
    anonymous_allowed boolean     not null,
    changed_by        varchar(64) not null,
    changed_at        timestamptz not null
);
